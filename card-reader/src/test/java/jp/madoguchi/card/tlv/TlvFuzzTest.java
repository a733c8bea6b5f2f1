package jp.madoguchi.card.tlv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.util.List;

/**
 * Fuzzes the card's BER-TLV parser (issue 9, docs/decisions/0031-fuzzing.md): whatever the bytes, parsing
 * either gives elements that lie inside the buffer and re-encode to the same bytes, or throws {@link TlvException}.
 * Without {@code JAZZER_FUZZ=1} this runs the seeds under {@code TlvFuzzTestInputs/} once each.
 */
class TlvFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseAll(@NotNull @WithLength(max = 1024) byte[] input) {
        List<Tlv> elements;
        try {
            elements = Tlv.parseAll(input, 0, input.length);
        } catch (TlvException expected) {
            return;
        }
        int end = 0;
        for (Tlv element : elements) {
            assertEquals(end, element.offset(), "elements follow each other");
            end = element.end();
            walk(element, input, 0);
        }
        assertEquals(input.length, end, "the elements cover the buffer");
    }

    @FuzzTest(maxDuration = "30s")
    void parseExactAndHeader(@NotNull @WithLength(max = 1024) byte[] input) {
        try {
            int total = Tlv.totalLengthFromHeader(input, input.length);
            assertTrue(total > 0 || total == -1, "a total length, or -1 when more bytes are needed");
        } catch (TlvException expected) {
            // not a readable header
        }
        try {
            Tlv element = Tlv.parseExact(input);
            assertEquals(input.length, element.totalLength());
            walk(element, input, 0);
        } catch (TlvException expected) {
            // not exactly one element
        }
    }

    /** Checks an element and, for a constructed one, its children (which may fail to parse: a TlvException). */
    private static void walk(Tlv element, byte[] buffer, int depth) {
        assertTrue(element.offset() >= 0 && element.end() <= buffer.length, "inside the buffer");
        assertEquals(element.headerLength() + element.length(), element.totalLength());
        assertArrayEquals(element.value(), java.util.Arrays.copyOfRange(buffer, element.end() - element.length(), element.end()));
        if (element.isConstructed() && depth < 64) {
            try {
                for (Tlv child : element.children()) {
                    assertTrue(child.offset() >= element.offset() + element.headerLength() && child.end() <= element.end(),
                            "a child lies inside its parent");
                    walk(child, buffer, depth + 1);
                }
                element.child(0xDF21);
            } catch (TlvException expected) {
                // the value is not a sequence of elements
            }
        }
    }
}

package jp.madoguchi.card.mynumber;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.util.Arrays;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ResponseApdu;

/**
 * Fuzzes what comes back from a card (issue 9, docs/decisions/0031-fuzzing.md): raw response APDUs and the
 * text application's files (basic four, individual number, integrity record). Whatever the bytes, only
 * {@link CardException} escapes. The first input byte picks the parser, the rest is the response or the file.
 * Without {@code JAZZER_FUZZ=1} this runs the seeds under {@code TextApFuzzTestInputs/} once each.
 */
class TextApFuzzTest {
    static final int BASIC4 = 0;
    static final int NUMBER = 1;
    static final int INTEGRITY = 2;
    static final int RESPONSE = 3;
    static final int INTEGRITY_CHECK = 4;

    @FuzzTest(maxDuration = "30s")
    void cardResponses(@NotNull @WithLength(max = 1024) byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch ((input[0] & 0xff) % 5) {
                case BASIC4 -> {
                    Basic4Info info = TextApParser.parseBasic4(file);
                    assertNotNull(info.name());
                }
                case NUMBER -> assertNotNull(TextApParser.parseIndividualNumber(file));
                case INTEGRITY -> {
                    TextApParser.IntegrityRecord record = TextApParser.parseIntegrity(file);
                    assertNotNull(record.signedPart());
                }
                case RESPONSE -> {
                    ResponseApdu response = ResponseApdu.parse(file);
                    assertEquals(file.length - 2, response.dataLength());
                    assertArrayEquals(file, response.encode());
                    response.isSuccess();
                    response.toString();
                }
                default -> {
                    // an integrity record, then the two files it covers, each with a two-byte length before it
                    int split = Math.min(file.length, file.length / 2);
                    TextApParser.IntegrityRecord record = TextApParser.parseIntegrity(Arrays.copyOf(file, split));
                    byte[] rest = Arrays.copyOfRange(file, split, file.length);
                    TextApParser.checkBasic4(rest, record);
                    TextApParser.checkNumber(rest, record);
                }
            }
        } catch (CardException expected) {
            assertNotNull(expected.error());
        }
    }
}

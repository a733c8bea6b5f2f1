package jp.madoguchi.forms.fill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import jp.madoguchi.forms.catalogue.CatalogueException;
import jp.madoguchi.forms.catalogue.FormCatalogue;

/**
 * Fuzzes what headquarters and the clerk console read from a booth (issue 9, docs/decisions/0031-fuzzing.md):
 * {@link SignedApplication#read} (only {@link UnreadableApplicationException}) and
 * {@link CanonicalJson#canonicalize(byte[])} (only {@link IllegalArgumentException}; canonical output is a fixed
 * point). Without {@code JAZZER_FUZZ=1} this runs the seeds under {@code SignedApplicationFuzzTestInputs/} once each.
 */
class SignedApplicationFuzzTest {
    private static final FormCatalogue SHIPPED = shipped();

    @FuzzTest(maxDuration = "30s")
    void read(@NotNull @WithLength(max = 8192) byte[] input) {
        try {
            SignedApplication read = SignedApplication.read(input, SHIPPED);
            assertNotNull(read.application());
            read.fields();
            read.clerkChecks();
            read.differences();
            read.toString();
        } catch (UnreadableApplicationException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void canonicalize(@NotNull @WithLength(max = 4096) byte[] input) {
        byte[] canonical;
        try {
            canonical = CanonicalJson.canonicalize(input);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertArrayEquals(canonical, CanonicalJson.canonicalize(canonical), "canonical JSON is already canonical");
    }

    private static FormCatalogue shipped() {
        try {
            return FormCatalogue.load(null);
        } catch (CatalogueException e) {
            throw new IllegalStateException(e);
        }
    }
}

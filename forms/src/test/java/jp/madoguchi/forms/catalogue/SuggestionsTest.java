package jp.madoguchi.forms.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void typicalTyposFindTheirWord() {
        assertEquals(Optional.of("label"), Suggestions.closest("lable", List.of("id", "label", "source", "format", "span")));
        assertEquals(Optional.of("copies"), Suggestions.closest("copys", List.of("copies", "purpose")));
        assertEquals(Optional.of("feePerCopy"), Suggestions.closest("feepercopy", List.of("feePerCopy", "version")));
    }

    @Test
    void unrelatedWordsSuggestNothing() {
        assertEquals(Optional.empty(), Suggestions.closest("colour", List.of("id", "label", "source")));
        assertEquals(Optional.empty(), Suggestions.closest("xy", List.of("id")));
    }

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertEquals(1, Suggestions.editDistance("lable", "label"));
        assertEquals(3, Suggestions.editDistance("kitten", "sitting"));
    }
}

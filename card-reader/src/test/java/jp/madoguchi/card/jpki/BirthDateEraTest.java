package jp.madoguchi.card.jpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class BirthDateEraTest {

    @Test
    void eraChangesOnTheFirstDayOfEachEra() {
        assertEquals(BirthDateEra.MEIJI, BirthDateEra.of(LocalDate.of(1850, 1, 1)));
        assertEquals(BirthDateEra.MEIJI, BirthDateEra.of(LocalDate.of(1912, 7, 29)));
        assertEquals(BirthDateEra.TAISHO, BirthDateEra.of(LocalDate.of(1912, 7, 30)));
        assertEquals(BirthDateEra.TAISHO, BirthDateEra.of(LocalDate.of(1926, 12, 24)));
        assertEquals(BirthDateEra.SHOWA, BirthDateEra.of(LocalDate.of(1926, 12, 25)));
        assertEquals(BirthDateEra.SHOWA, BirthDateEra.of(LocalDate.of(1989, 1, 7)));
        assertEquals(BirthDateEra.HEISEI, BirthDateEra.of(LocalDate.of(1989, 1, 8)));
        assertEquals(BirthDateEra.HEISEI, BirthDateEra.of(LocalDate.of(2019, 4, 30)));
        assertEquals(BirthDateEra.REIWA, BirthDateEra.of(LocalDate.of(2019, 5, 1)));
    }

    @Test
    void validDigitsAreZeroToFive() {
        assertTrue(BirthDateEra.isValid(0));
        assertTrue(BirthDateEra.isValid(5));
        assertFalse(BirthDateEra.isValid(6));
        assertFalse(BirthDateEra.isValid(-1));
    }
}

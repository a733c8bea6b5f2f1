package jp.madoguchi.hq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrolmentCodesTest {

    @Test
    void codesAreTwelveUnambiguousSymbolsInGroupsOfFour() {
        for (int i = 0; i < 1000; i++) {
            String code = EnrolmentCodes.generate();
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);
            assertTrue(EnrolmentCodes.isWellFormed(code), code);
        }
    }

    @Test
    void carriesAtLeastSixtyBits() {
        assertEquals(32, EnrolmentCodes.ALPHABET.chars().distinct().count());
        assertTrue(EnrolmentCodes.ENTROPY_BITS >= 60);
        assertTrue(EnrolmentCodes.LENGTH * Math.log(EnrolmentCodes.ALPHABET.length()) / Math.log(2) >= 60);
        for (char ambiguous : "ILOU".toCharArray()) {
            assertEquals(-1, EnrolmentCodes.ALPHABET.indexOf(ambiguous));
        }
    }

    @Test
    void codesDoNotRepeatAndUseEverySymbol() {
        Set<String> seen = new HashSet<>();
        Set<Character> symbols = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = EnrolmentCodes.generate();
            assertTrue(seen.add(code), "repeated " + code);
            for (char c : code.replace("-", "").toCharArray()) {
                symbols.add(c);
            }
        }
        assertEquals(32, symbols.size());
    }

    @Test
    void normalisesWhatPeopleType() {
        assertEquals("K7QM4XPD9RTA", EnrolmentCodes.normalise("K7QM-4XPD-9RTA"));
        assertEquals("K7QM4XPD9RTA", EnrolmentCodes.normalise("  k7qm 4xpd\t9rta "));
        assertEquals("K7QM4XPD9RTA", EnrolmentCodes.normalise("ｋ７ｑｍ－４ｘｐｄ－９ｒｔａ"), "full-width from a Japanese IME");
        assertEquals("K7QM4XPD9RTA", EnrolmentCodes.normalise("K7QM\u30FC4XPD\u20139RTA"), "katakana long mark, en dash");
        assertEquals("101A", EnrolmentCodes.normalise("iOla"), "look-alike letters read as digits");
        assertEquals("", EnrolmentCodes.normalise(null));
    }

    @Test
    void hashIsSha256HexOfTheNormalisedCode() {
        String hash = EnrolmentCodes.hash("K7QM-4XPD-9RTA");
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertEquals(hash, EnrolmentCodes.hash("k7qm 4xpd 9rta"));
        assertEquals(hash, EnrolmentCodes.hash("K7QM4XPD9RTA"));
        assertNotEquals(hash, EnrolmentCodes.hash("K7QM-4XPD-9RTB"));
        // SHA-256("K7QM4XPD9RTA") computed independently with `printf K7QM4XPD9RTA | sha256sum`
        assertEquals(Sha256Fixture.K7QM4XPD9RTA, hash);
    }

    @Test
    void malformedInputIsNotWellFormedButStillHashes() {
        assertFalse(EnrolmentCodes.isWellFormed("K7QM-4XPD"));
        assertFalse(EnrolmentCodes.isWellFormed("K7QM-4XPD-9RT!"));
        assertFalse(EnrolmentCodes.isWellFormed("K7QM-4XPD-9RTAA"));
        assertFalse(EnrolmentCodes.isWellFormed("K7QM-4XPD-9RTU"), "U is not in the alphabet");
        assertTrue(EnrolmentCodes.hash("nonsense").matches("[0-9a-f]{64}"));
    }

    /** Expected digests kept apart from the test logic. */
    private static final class Sha256Fixture {
        static final String K7QM4XPD9RTA = "52fdcbad4ffdfb90c1c0e5b6dacb60803d595418e8dc7951d5187ac0c0243b26";
    }
}

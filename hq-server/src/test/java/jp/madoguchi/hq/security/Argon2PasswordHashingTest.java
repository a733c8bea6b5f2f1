package jp.madoguchi.hq.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2PasswordHashingTest {

    /**
     * The Argon2 reference implementation's (P-H-C/phc-winner-argon2, src/test.c) Argon2id v1.3 case
     * "password"/"somesalt", t=2, m=2^16, p=1; the same string appears in the test suites of RustCrypto's
     * argon2 crate and others.
     */
    private static final String REFERENCE_PHC =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    private final Argon2PasswordHashing hashing = new Argon2PasswordHashing();

    @Test
    void verifiesTheReferenceImplementationsPhcString() {
        assertTrue(hashing.verify("password".toCharArray(), REFERENCE_PHC));
        assertFalse(hashing.verify("Password".toCharArray(), REFERENCE_PHC));
    }

    @Test
    void matchesRfc9106Argon2idTestVector() {
        // RFC 9106 §5.3: password 32×0x01, salt 16×0x02, secret 8×0x03, associated data 12×0x04,
        // m=32 KiB, t=3, p=4, 32-byte tag.
        byte[] password = filled(32, 0x01);
        byte[] tag = Argon2PasswordHashing.deriveRaw(password, filled(16, 0x02), filled(8, 0x03), filled(12, 0x04),
                32, 3, 4, 32);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", HexFormat.of().formatHex(tag));
    }

    @Test
    void roundTripsAndRefusesAWrongPassword() {
        char[] password = "窓口のパスワード correct horse".toCharArray();
        String encoded = hashing.hash(password);
        assertTrue(encoded.matches("\\$argon2id\\$v=19\\$m=19456,t=3,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), encoded);
        assertTrue(hashing.verify(password, encoded));
        assertFalse(hashing.verify("窓口のパスワード correct horsf".toCharArray(), encoded));
        assertFalse(hashing.verify(new char[0], encoded));
        assertFalse(hashing.verify(null, encoded));
        assertArrayEquals("窓口のパスワード correct horse".toCharArray(), password, "the caller's array is left to the caller");
    }

    @Test
    void usesAFreshSaltEveryTime() {
        char[] password = "same password".toCharArray();
        String first = hashing.hash(password);
        String second = hashing.hash(password);
        assertNotEquals(first, second);
        assertNotEquals(first.split("\\$")[4], second.split("\\$")[4]);
        assertTrue(hashing.verify(password, first));
        assertTrue(hashing.verify(password, second));
    }

    @Test
    void malformedEncodingsAreFalseNeverExceptions() {
        String good = REFERENCE_PHC;
        String[] bad = {
            null, "", "password", "$argon2id$", good.replace("argon2id", "argon2i"), good.replace("v=19", "v=16"),
            good.replace("$v=19", ""), good.replace("m=65536", "m=abc"), good.replace("m=65536", "m=99999999999"),
            good.replace("m=65536", "m=4"), good.replace("m=65536", "m=1048576"), good.replace("t=2", "t=0"), good.replace("p=1", "p=0"),
            good.replace("p=1", "p=255"), good.replace("c29tZXNhbHQ", "c29t"), good.replace("c29tZXNhbHQ", "!!!!!!!!!!!"),
            good.substring(0, good.length() - 10), good + "=", good + "$extra", good.replace('$', '#'),
            "$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", "x".repeat(10_000),
        };
        for (String encoded : bad) {
            assertFalse(hashing.verify("password".toCharArray(), encoded), String.valueOf(encoded));
            assertTrue(hashing.needsRehash(encoded), String.valueOf(encoded));
        }
    }

    @Test
    void needsRehashWhenWeakerThanToday() {
        assertFalse(hashing.needsRehash(hashing.hash("x".toCharArray())));
        assertTrue(hashing.needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzYWx0$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
        assertTrue(hashing.needsRehash("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"),
                "yesterday's t=2 is weaker than today's t=3");
        assertTrue(hashing.needsRehash(REFERENCE_PHC), "an 8-byte salt is weaker than today's 16");
        assertFalse(hashing.needsRehash("$argon2id$v=19$m=65536,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
        Argon2PasswordHashing stronger = new Argon2PasswordHashing(65536, 3, 1);
        assertTrue(stronger.needsRehash(hashing.hash("x".toCharArray())));
    }

    @Test
    void refusesParametersBelowOwaspMinimums() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2PasswordHashing(16 * 1024, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2PasswordHashing(19 * 1024, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2PasswordHashing(19 * 1024, 2, 0));
    }

    @Test
    void reportsTimePerHash() {
        char[] password = "timing".toCharArray();
        hashing.hash(password); // warm-up: JIT
        hashing.hash(password);
        int rounds = 5;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            hashing.hash(password);
        }
        long millis = (System.nanoTime() - start) / 1_000_000 / rounds;
        System.out.println("Argon2id " + hashing + ": " + millis + " ms per hash");
        assertTrue(millis < 2_000, "a login must not take seconds: " + millis + " ms");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

}

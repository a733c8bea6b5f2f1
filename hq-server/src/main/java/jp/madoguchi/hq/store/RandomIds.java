package jp.madoguchi.hq.store;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and tokens. Thread-safe. */
final class RandomIds {
    /** Lower case letters and digits without 0/o, 1/l/i: readable aloud and in logs. */
    private static final char[] ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** {@code prefix} + 12 random characters (about 59 bits). */
    static String id(String prefix) {
        return prefix + randomChars(12, ALPHABET);
    }

    static String randomChars(int length, char[] alphabet) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(chars);
    }

    /** 256 random bits, URL-safe Base64 without padding: a bearer token. */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

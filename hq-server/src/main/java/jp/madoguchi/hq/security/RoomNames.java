package jp.madoguchi.hq.security;

import java.security.SecureRandom;

/**
 * Names for Jitsi rooms that nobody can guess: {@code madoguchi-} followed by 26 lower-case RFC 4648 Base32
 * characters, i.e. 130 bits from {@link SecureRandom}. Lower case because Jitsi lower-cases room names and
 * Prosody compares the token's {@code room} claim with the lower-case name; Base32 because it is safe in a
 * URL path and in an XMPP node name. The JWT already keeps strangers out, but an unguessable name means a
 * leaked token for one call gives no clue about any other call.
 *
 * <p>Thread-safe: static methods only; {@link SecureRandom} is thread-safe.
 */
public final class RoomNames {

    public static final String PREFIX = "madoguchi-";
    /** Random characters after the prefix. */
    public static final int RANDOM_CHARS = 26;
    /** Bits of randomness in a name ({@code 26 × 5}). */
    public static final int ENTROPY_BITS = RANDOM_CHARS * 5;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomNames() {
    }

    /** A fresh room name, e.g. {@code madoguchi-k3v7q2mxa5rfztdw4hbnj6pc2e}. */
    public static String unguessable() {
        StringBuilder name = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** Whether {@code name} has the shape {@link #unguessable()} produces. */
    public static boolean isWellFormed(String name) {
        return name != null && name.matches(PREFIX + "[a-z2-7]{" + RANDOM_CHARS + "}");
    }
}

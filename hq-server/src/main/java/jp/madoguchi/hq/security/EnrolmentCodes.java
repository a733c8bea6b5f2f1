package jp.madoguchi.hq.security;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * One-time booth enrolment codes that IT staff read off a screen and type into a booth, e.g.
 * {@code K7QM-4XPD-9RTA}.
 *
 * <p><b>Alphabet.</b> Crockford's Base32 ({@code 0-9 A-Z} without {@code I L O U}): 32 symbols, so 12
 * symbols carry exactly 60 bits from {@link SecureRandom}. The letters people confuse with digits are not
 * produced, and when typed anyway they are read as the digit they look like ({@code O→0}, {@code I,L→1});
 * {@code U} is left out so that no code spells a rude English word. An alphabet without 0/1 as well would
 * have only 31 symbols and fall under 60 bits in 12 characters. 60 bits is ample for a code that expires
 * within hours, works once and is behind a rate-limited endpoint.
 *
 * <p><b>Normalisation.</b> What a person types is NFKC-normalised (full-width characters from a Japanese
 * IME become ASCII), spaces and every kind of hyphen or dash are dropped, letters are upper-cased and the
 * look-alikes above mapped. {@link #hash} hashes the normalised form, so {@code k7qm 4xpd 9rta} and
 * {@code ｋ７ｑｍ－４ｘｐｄ－９ｒｔａ} find the same stored code.
 *
 * <p><b>Storage.</b> Only {@link #hash} (SHA-256, lower-case hex) is stored. A fast hash is enough here: with
 * 60 bits of randomness nothing is gained by a slow KDF, and the lookup must be by equality.
 *
 * <p>Thread-safe: static methods only; {@link SecureRandom} is thread-safe.
 */
public final class EnrolmentCodes {

    /** The 32 symbols codes are made of. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** Symbols in a code, without the hyphens. */
    public static final int LENGTH = 12;
    /** Bits of randomness in a code: {@code LENGTH × log2(32)}. */
    public static final int ENTROPY_BITS = LENGTH * 5;

    private static final int GROUP = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnrolmentCodes() {
    }

    /** A fresh code for display, grouped by four with hyphens. */
    public static String generate() {
        return generate(RANDOM);
    }

    /** A fresh code drawn from {@code random}; for tests that want a seeded source. */
    public static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The canonical form of what someone typed: 12 upper-case symbols of {@link #ALPHABET} when the input
     * was a well-formed code. Other input is normalised the same way but stays malformed (see
     * {@link #isWellFormed}); it is never an error, so a typo simply finds no code.
     */
    public static String normalise(CharSequence typed) {
        if (typed == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || isDash(c)) {
                continue;
            }
            char upper = Character.toUpperCase(c);
            switch (upper) {
                case 'O' -> out.append('0');
                case 'I', 'L' -> out.append('1');
                default -> out.append(upper);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** Whether {@code typed} normalises to a code of the right length and alphabet. */
    public static boolean isWellFormed(CharSequence typed) {
        String normalised = normalise(typed);
        if (normalised.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < normalised.length(); i++) {
            if (ALPHABET.indexOf(normalised.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the normalised code's ASCII bytes, 64 lower-case hex digits: what storage keeps. */
    public static String hash(CharSequence code) {
        return Sha256.hex(normalise(code));
    }

    private static boolean isDash(char c) {
        return c == '-' || c == '_' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013'
                || c == '\u2014' || c == '\u2015' || c == '\u2212' || c == '\u30FC' || c == '\uFF70';
    }
}

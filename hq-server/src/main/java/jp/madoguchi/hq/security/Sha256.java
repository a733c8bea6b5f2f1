package jp.madoguchi.hq.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 as lowercase hex: how enrolment codes and session tokens are hashed and stored. Thread-safe. */
public final class Sha256 {
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static String hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The digest of {@code secret}'s UTF-8 bytes; the intermediate byte copy is wiped. */
    public static String hex(char[] secret) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return hex(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    public static String hex(String secret) {
        return hex(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses anything but a 64-digit lowercase hex digest, so a plain secret can never be stored by mistake. */
    public static String requireHexDigest(String value, String what) {
        if (value == null || !HEX_DIGEST.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a lowercase hex SHA-256 digest");
        }
        return value;
    }
}

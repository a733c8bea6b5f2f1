package jp.madoguchi.hq.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret read from a file (a keystore password, the Jitsi app secret). Its {@link #toString()}
 * never shows the value, so a secret that ends up in a log line or an exception shows as redacted.
 * Callers get copies and should wipe them after use. Thread-safe (immutable contents).
 */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /** Takes a copy of {@code value}; the caller may wipe its array afterwards. */
    public static Secret of(char[] value) {
        return new Secret(value.clone());
    }

    /** A copy of the value as characters; wipe it after use. */
    public char[] chars() {
        return value.clone();
    }

    /** A copy of the value as UTF-8 bytes; wipe it after use. */
    public byte[] utf8() {
        var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(value));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    public int length() {
        return value.length;
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}

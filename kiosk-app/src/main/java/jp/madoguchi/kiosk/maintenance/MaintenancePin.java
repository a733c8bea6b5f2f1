package jp.madoguchi.kiosk.maintenance;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.Settings;

/**
 * The IT staff maintenance PIN: 6 to 12 digits, kept in the booth's settings only as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} ({@link SettingKey#MAINTENANCE_PIN_HASH}, base64, a fresh
 * 16-byte salt per PIN, PBKDF2WithHmacSHA256, JDK only). PINs are {@code char[]} only; this class never keeps,
 * logs or echoes one, and the caller wipes what it passes. Verifying costs a deliberate ~0.1–0.5 s (the
 * iteration count): call it from an executor, never the FX thread (docs/decisions/0022-booth-maintenance-pin.md).
 */
public final class MaintenancePin {
    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 12;
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The PIN demo mode sets when none is set (README); a booth in service never has it. */
    private static final String DEMO_PIN = "246813";

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    private static final Pattern ENCODED = Pattern.compile(
            "pbkdf2-sha256\\$([1-9][0-9]{3,7})\\$([A-Za-z0-9+/=]{22,90})\\$([A-Za-z0-9+/]{43}=)");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MaintenancePin() {
    }

    /** A fresh copy of the demo PIN, for the demo launcher only; the caller wipes it. */
    public static char[] demoPin() {
        return DEMO_PIN.toCharArray();
    }

    /** Whether {@code pin} has the shape of a maintenance PIN: 6 to 12 ASCII digits. */
    public static boolean wellFormed(char[] pin) {
        if (pin == null || pin.length < MIN_DIGITS || pin.length > MAX_DIGITS) {
            return false;
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether a PIN has been set on this booth. Without one, maintenance cannot be opened. */
    public static boolean isSet(Settings settings) {
        return !settings.get(SettingKey.MAINTENANCE_PIN_HASH).isEmpty();
    }

    /**
     * Sets (or replaces) the PIN: stores a fresh salted hash; the change is audited by {@link Settings}.
     *
     * @throws IllegalArgumentException when the PIN is not 6 to 12 digits (the message does not contain it)
     */
    public static void set(Settings settings, char[] pin) {
        set(settings, pin, DEFAULT_ITERATIONS);
    }

    static void set(Settings settings, char[] pin, int iterations) {
        if (!wellFormed(pin)) {
            throw new IllegalArgumentException("a maintenance PIN is " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
        settings.set(SettingKey.MAINTENANCE_PIN_HASH, encode(pin, iterations));
    }

    /** Sets the demo PIN if no PIN is set yet (demo mode only); returns whether it did. */
    public static boolean setDemoPinIfUnset(Settings settings) {
        if (isSet(settings)) {
            return false;
        }
        char[] pin = demoPin();
        try {
            set(settings, pin);
            return true;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Whether {@code pin} matches the stored hash; false when none is set or the PIN is malformed. */
    public static boolean matches(Settings settings, char[] pin) {
        String stored = settings.get(SettingKey.MAINTENANCE_PIN_HASH);
        return !stored.isEmpty() && wellFormed(pin) && matches(stored, pin);
    }

    static String encode(char[] pin, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(pin, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    static boolean matches(String encoded, char[] pin) {
        Matcher m = ENCODED.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(m.group(3));
        byte[] actual = derive(pin, b64.decode(m.group(2)), Integer.parseInt(m.group(1)));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }
}

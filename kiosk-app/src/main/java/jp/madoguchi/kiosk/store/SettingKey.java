package jp.madoguchi.kiosk.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The booth settings IT staff may change, with their type, default and the values allowed. A key not
 * listed here is refused by {@link Settings}.
 */
public enum SettingKey {
    /** The booth's name as headquarters and clerks see it, e.g. "Kita branch 2". */
    BOOTH_NAME("booth.name", SettingType.STRING, "Madoguchi booth") {
        @Override
        Optional<String> problem(String value) {
            if (value.isBlank() || value.length() > 64 || value.codePoints().anyMatch(Character::isISOControl)) {
                return Optional.of("1 to 64 characters, no control characters");
            }
            return Optional.empty();
        }
    },
    /** The municipality the booth serves, printed as the form's addressee (e.g. 見本市 → "（宛先）見本市長"). */
    MUNICIPALITY("booth.municipality", SettingType.STRING, "見本市") {
        @Override
        Optional<String> problem(String value) {
            if (value.isBlank() || value.length() > 32 || value.codePoints().anyMatch(Character::isISOControl)) {
                return Optional.of("1 to 32 characters, no control characters");
            }
            return Optional.empty();
        }
    },
    /** Headquarters' base URL: https, or http to this machine only (the demo). */
    HQ_URL("hq.url", SettingType.STRING, "https://127.0.0.1:8443") {
        @Override
        Optional<String> problem(String value) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                String host = uri.getHost();
                boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
                if (host == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
                        || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
                    return Optional.of("an https:// URL with a host and no user, query or fragment"
                            + " (http:// only to 127.0.0.1 or localhost)");
                }
                return Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.of("a URL such as https://hq.example.lg.jp");
            }
        }
    },
    /** Seconds without a touch before the countdown warning that ends the session. */
    INACTIVITY_SECONDS("inactivity.seconds", SettingType.SECONDS, "90") {
        @Override
        Optional<String> problem(String value) {
            return range(value, 30, 600);
        }
    },
    /** The language the attract screen starts in. */
    LANGUAGE_DEFAULT("language.default", SettingType.STRING, "ja") {
        @Override
        Optional<String> problem(String value) {
            return LANGUAGES.contains(value) ? Optional.empty()
                    : Optional.of("one of ja, ja-easy, en, zh, ko, vi, pt");
        }
    },
    /** Audio cues (card detected, error, call connected). */
    SOUND_ENABLED("sound.enabled", SettingType.BOOLEAN, "true"),
    /** Large text from the first screen on. */
    LARGE_TEXT("large_text", SettingType.BOOLEAN, "false"),
    /** High contrast from the first screen on. */
    HIGH_CONTRAST("high_contrast", SettingType.BOOLEAN, "false"),
    /** Receipt paper width in millimetres (forms' --receipt-width). */
    RECEIPT_WIDTH_MM("receipt.width_mm", SettingType.INT, "58") {
        @Override
        Optional<String> problem(String value) {
            return value.equals("58") || value.equals("80") ? Optional.empty() : Optional.of("58 or 80");
        }
    },
    /** Seconds between attempts to deliver the outbox while headquarters is unreachable. */
    OUTBOX_RETRY_SECONDS("outbox.retry.seconds", SettingType.SECONDS, "30") {
        @Override
        Optional<String> problem(String value) {
            return range(value, 5, 3600);
        }
    },
    // ---- added for jp.madoguchi.kiosk.maintenance (the IT staff PIN); never shown on the settings screen
    /**
     * The IT staff maintenance PIN as a salted PBKDF2 hash,
     * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}; empty means no PIN set yet
     * (docs/decisions/0022-booth-maintenance-pin.md). Written by {@code MaintenancePin.set}, never by hand.
     */
    MAINTENANCE_PIN_HASH("maintenance.pin_hash", SettingType.STRING, "") {
        @Override
        Optional<String> problem(String value) {
            return value.isEmpty() || PIN_HASH.matcher(value).matches() ? Optional.empty()
                    : Optional.of("an encoded PBKDF2 hash written by the maintenance PIN enrolment, or nothing");
        }
    };

    private static final java.util.regex.Pattern PIN_HASH = java.util.regex.Pattern.compile(
            "pbkdf2-sha256\\$[1-9][0-9]{3,7}\\$[A-Za-z0-9+/]{22,88}={0,2}\\$[A-Za-z0-9+/]{43}=");

    private static final Set<String> LANGUAGES = Set.of("ja", "ja-easy", "en", "zh", "ko", "vi", "pt");

    private final String key;
    private final SettingType type;
    private final String defaultValue;

    SettingKey(String key, SettingType type, String defaultValue) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    public String key() {
        return key;
    }

    public SettingType type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The known key named {@code key}, if any. */
    public static Optional<SettingKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** Why {@code value} is not allowed for this key (in words for IT staff), or empty if it is. */
    public Optional<String> validate(String value) {
        if (value == null) {
            return Optional.of("a value is required");
        }
        return switch (type) {
            case BOOLEAN -> value.equals("true") || value.equals("false") ? Optional.empty()
                    : Optional.of("true or false");
            case INT, SECONDS -> value.matches("-?[0-9]{1,9}") ? problem(value) : Optional.of("a whole number");
            case STRING -> problem(value);
        };
    }

    /** Key-specific rules beyond the type; none by default. */
    Optional<String> problem(String value) {
        return Optional.empty();
    }

    private static Optional<String> range(String value, int min, int max) {
        int number = Integer.parseInt(value);
        return number >= min && number <= max ? Optional.empty()
                : Optional.of("a whole number from " + min + " to " + max);
    }
}

package jp.madoguchi.kiosk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Booth settings: the {@link SettingKey known keys} only, as text with typed getters and setters; a key
 * never set reads as its default. Every change is validated, stored and recorded in the
 * {@link AuditTrail} ({@link AuditEvent#SETTINGS_CHANGED}) in one transaction. Thread-safe (through
 * {@link BoothStore}).
 */
public final class Settings {
    private static final Logger log = LoggerFactory.getLogger(Settings.class);

    private final BoothStore store;
    private final AuditTrail audit;
    private final Clock clock;

    Settings(BoothStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** The keys a booth knows, in display order. */
    public static List<SettingKey> knownKeys() {
        return List.of(SettingKey.values());
    }

    /** The stored value of {@code key}, or its default. */
    public String get(String key) {
        return get(known(key));
    }

    public String get(SettingKey key) {
        return stored(key).orElse(key.defaultValue());
    }

    public String getString(String key) {
        return get(typed(key, SettingType.STRING));
    }

    /** For a whole-number setting, or a seconds setting read as its number of seconds. */
    public int getInt(String key) {
        return Integer.parseInt(get(typed(key, SettingType.INT, SettingType.SECONDS)));
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(typed(key, SettingType.BOOLEAN)));
    }

    public Duration getDuration(String key) {
        return Duration.ofSeconds(Long.parseLong(get(typed(key, SettingType.SECONDS))));
    }

    /** Every known key with its effective value (stored or default). */
    public Map<SettingKey, String> all() {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            values.put(key, get(key));
        }
        return values;
    }

    /**
     * Stores {@code value} for {@code key} after validating it.
     *
     * @throws InvalidSettingException for an unknown key or a value the key does not allow
     */
    public void set(String key, String value) {
        set(known(key), value);
    }

    public void set(SettingKey key, String value) {
        Optional<String> problem = key.validate(value);
        if (problem.isPresent()) {
            throw new InvalidSettingException("invalid value for setting " + key.key() + ": expected " + problem.get());
        }
        long now = clock.millis();
        store.write("changing a setting", c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO settings (setting_key, value, updated_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (setting_key) DO UPDATE SET value = excluded.value,"
                            + " updated_at = excluded.updated_at")) {
                upsert.setString(1, key.key());
                upsert.setString(2, value);
                upsert.setLong(3, now);
                upsert.executeUpdate();
            }
            audit.append(AuditEvent.SETTINGS_CHANGED, null);
            return null;
        });
        log.info("setting changed: key={}", key.key());
    }

    public void setString(String key, String value) {
        set(typed(key, SettingType.STRING), value);
    }

    /** For a whole-number setting, or a seconds setting given as its number of seconds. */
    public void setInt(String key, int value) {
        set(typed(key, SettingType.INT, SettingType.SECONDS), Integer.toString(value));
    }

    public void setBoolean(String key, boolean value) {
        set(typed(key, SettingType.BOOLEAN), Boolean.toString(value));
    }

    /** For a seconds setting; the duration must be whole seconds. */
    public void setDuration(String key, Duration value) {
        SettingKey setting = typed(key, SettingType.SECONDS);
        if (value == null || value.getNano() != 0) {
            throw new InvalidSettingException("invalid value for setting " + key + ": expected whole seconds");
        }
        set(setting, Long.toString(value.getSeconds()));
    }

    /** Forgets the stored value; the key reads as its default again. */
    public void reset(String key) {
        SettingKey setting = known(key);
        store.write("resetting a setting", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM settings WHERE setting_key = ?")) {
                delete.setString(1, setting.key());
                delete.executeUpdate();
            }
            audit.append(AuditEvent.SETTINGS_CHANGED, null);
            return null;
        });
        log.info("setting reset to default: key={}", setting.key());
    }

    private Optional<String> stored(SettingKey key) {
        return store.read("reading a setting", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT value FROM settings WHERE setting_key = ?")) {
                select.setString(1, key.key());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private static SettingKey known(String key) {
        return SettingKey.of(key).orElseThrow(() -> new InvalidSettingException("unknown setting \"" + key
                + "\"; the booth knows " + knownKeys().stream().map(SettingKey::key).toList()));
    }

    private static SettingKey typed(String key, SettingType... types) {
        SettingKey setting = known(key);
        if (!List.of(types).contains(setting.type())) {
            throw new InvalidSettingException("setting " + key + " is " + setting.type() + ", not " + types[0]);
        }
        return setting;
    }
}

package jp.madoguchi.hq.config;

/**
 * A configuration value is missing or wrong. The message names the key, where its value came from
 * (file, environment variable, command line) and what is expected; it never contains a secret.
 */
public final class HqConfigException extends RuntimeException {
    private final String key;

    public HqConfigException(String key, String message) {
        super(key == null ? message : "configuration key '" + key + "': " + message);
        this.key = key;
    }

    /** The key at fault, or {@code null} when the problem is not one key's (e.g. an unreadable file). */
    public String key() {
        return key;
    }
}

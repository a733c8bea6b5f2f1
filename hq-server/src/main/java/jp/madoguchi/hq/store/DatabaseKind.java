package jp.madoguchi.hq.store;

import java.util.Locale;

/** The two databases headquarters runs on: embedded SQLite (the default) and PostgreSQL (production). */
public enum DatabaseKind {
    SQLITE("jdbc:sqlite:"),
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    DatabaseKind(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /** The kind a JDBC URL names; only {@code jdbc:sqlite:} and {@code jdbc:postgresql:} URLs are supported. */
    public static DatabaseKind of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (DatabaseKind kind : values()) {
            if (lower.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unsupported database URL: expected jdbc:sqlite:/path/hq.db or jdbc:postgresql://host:port/db");
    }
}

package jp.madoguchi.hq.store;

import java.util.Locale;

/** Where an application stands. It starts {@code RECEIVED} and a clerk's decision moves it, once, to one of the others. */
public enum ApplicationStatus {
    RECEIVED,
    ACCEPTED,
    CORRECTION_NEEDED,
    REJECTED;

    /** The value in the {@code status} column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApplicationStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isDecision() {
        return this != RECEIVED;
    }
}

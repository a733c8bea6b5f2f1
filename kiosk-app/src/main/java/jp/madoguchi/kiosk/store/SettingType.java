package jp.madoguchi.kiosk.store;

/** How a setting's text value is read. */
public enum SettingType {
    STRING,
    INT,
    BOOLEAN,
    /** A {@link java.time.Duration} stored as whole seconds. */
    SECONDS
}

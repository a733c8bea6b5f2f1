package jp.madoguchi.kiosk.app.demo;

/** Every key of the demo panel's bundle; code uses no other (DemoTextTest checks the files against this list). */
public enum DemoKey {
    BADGE("demo.badge"),
    TITLE("demo.title"),
    PERSONA("demo.persona"),
    /** {0} the PIN, {1} the signature password. */
    SECRETS("demo.secrets"),
    INSERT("demo.insert"),
    REMOVE("demo.remove"),
    STATUS_EMPTY("demo.status.empty"),
    STATUS_INSERTING("demo.status.inserting"),
    /** {0} the persona's id. */
    STATUS_INSERTED("demo.status.inserted"),
    STATUS_FAILED("demo.status.failed"),
    NOTE("demo.note");

    private final String key;

    DemoKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

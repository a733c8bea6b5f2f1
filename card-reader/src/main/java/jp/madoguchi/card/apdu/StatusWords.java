package jp.madoguchi.card.apdu;

/** The status words the My Number card protocol uses (see shared/design/mynumber-card.md). */
public final class StatusWords {
    public static final int SUCCESS = 0x9000;
    /** {@code 63Cx}: wrong PIN (or tries-left query), x tries left. */
    public static final int COUNTER_BASE = 0x63C0;
    public static final int WRONG_LENGTH = 0x6700;
    public static final int LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881;
    public static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    public static final int AUTH_METHOD_BLOCKED = 0x6984;
    public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
    public static final int NO_CURRENT_EF = 0x6986;
    public static final int WRONG_DATA = 0x6A80;
    public static final int FILE_NOT_FOUND = 0x6A82;
    public static final int INCORRECT_P1P2 = 0x6A86;
    public static final int REFERENCED_DATA_NOT_FOUND = 0x6A88;
    public static final int WRONG_P1P2_OFFSET = 0x6B00;
    public static final int INS_NOT_SUPPORTED = 0x6D00;
    public static final int CLA_NOT_SUPPORTED = 0x6E00;
    public static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

    private StatusWords() {
    }

    public static boolean isCounter(int sw) {
        return (sw & 0xFFF0) == COUNTER_BASE;
    }

    public static int counterValue(int sw) {
        return sw & 0x0F;
    }
}

package jp.madoguchi.kiosk.journey;

/** The booth's sounds (played only when the {@code sound.enabled} setting is on). */
public enum AudioCue {
    CARD_DETECTED,
    ERROR,
    CALL_CONNECTED,
    /** The inactivity warning appeared. */
    WARNING
}

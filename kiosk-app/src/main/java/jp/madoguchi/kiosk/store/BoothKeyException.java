package jp.madoguchi.kiosk.store;

/** The booth key file cannot be used: missing, damaged, or readable by others. The message says what to do. */
public class BoothKeyException extends RuntimeException {
    public BoothKeyException(String message) {
        super(message);
    }

    public BoothKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}

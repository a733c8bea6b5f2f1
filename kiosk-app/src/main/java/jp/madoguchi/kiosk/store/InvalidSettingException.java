package jp.madoguchi.kiosk.store;

/** A setting was refused: an unknown key, or a value outside what the key allows. The message says what is allowed. */
public class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
        super(message);
    }
}

package jp.madoguchi.kiosk.hq;

/**
 * The booth's credentials cannot be loaded; the message names the file and what IT staff do about it
 * (usually: enrol the booth). It never carries key material.
 */
public class BoothCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BoothCredentialsException(String message) {
        super(message);
    }

    BoothCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}

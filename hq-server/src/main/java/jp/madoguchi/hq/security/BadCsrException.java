package jp.madoguchi.hq.security;

/**
 * A booth's certificate signing request was refused. The message says why in words IT staff can act on
 * ("RSA key of 1024 bits; at least 2048 required") and never contains the request itself.
 */
public final class BadCsrException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadCsrException(String reason) {
        super(reason);
    }

    public BadCsrException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

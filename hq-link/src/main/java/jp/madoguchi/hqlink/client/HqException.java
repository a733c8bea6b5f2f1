package jp.madoguchi.hqlink.client;

/** Headquarters did not give the answer asked for; see the two subclasses for what the booth should do. */
public abstract sealed class HqException extends Exception permits HqUnavailableException, HqRejectedException {
    private static final long serialVersionUID = 1L;

    HqException(String message, Throwable cause) {
        super(message, cause);
    }
}

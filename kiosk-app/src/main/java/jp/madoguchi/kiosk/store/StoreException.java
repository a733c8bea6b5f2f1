package jp.madoguchi.kiosk.store;

/**
 * A booth store operation failed (disk full, file locked, a bug broke a constraint ...). Messages name
 * the operation, never the values involved: the outbox carries applications.
 */
public class StoreException extends RuntimeException {
    public StoreException(String operation, Throwable cause) {
        super(operation + " failed", cause);
    }

    protected StoreException(String message) {
        super(message);
    }
}

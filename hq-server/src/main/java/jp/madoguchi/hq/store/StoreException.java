package jp.madoguchi.hq.store;

/**
 * A database operation failed (connection lost, constraint broken by a bug, disk full ...). Messages
 * name the operation, never the values involved: applications and accounts carry personal data.
 */
public class StoreException extends RuntimeException {
    public StoreException(String operation, Throwable cause) {
        super(operation + " failed", cause);
    }
}

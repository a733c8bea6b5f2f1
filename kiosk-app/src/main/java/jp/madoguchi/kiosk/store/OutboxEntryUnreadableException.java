package jp.madoguchi.kiosk.store;

/**
 * An outbox entry does not decrypt with this booth's key: the key file was replaced, or the row was
 * altered or moved. The entry stays in the outbox, untouched: a signed application is never dropped
 * silently. IT staff restore the booth key (or hand the database to headquarters) from the
 * maintenance screen.
 */
public class OutboxEntryUnreadableException extends StoreException {
    private final long id;
    private final String reference;

    OutboxEntryUnreadableException(long id, String reference, Throwable cause) {
        super("outbox entry " + id + " (" + reference + ") does not decrypt with this booth's key: the key file"
                + " is not the one it was stored with, or the row was altered. The entry is kept; restore the"
                + " booth key from its backup to deliver it");
        initCause(cause);
        this.id = id;
        this.reference = reference;
    }

    public long id() {
        return id;
    }

    public String reference() {
        return reference;
    }
}

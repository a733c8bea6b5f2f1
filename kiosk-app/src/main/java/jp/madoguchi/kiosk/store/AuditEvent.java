package jp.madoguchi.kiosk.store;

/** What the booth records in its {@link AuditTrail}. Names only; details that could identify a resident are never recorded. */
public enum AuditEvent {
    BOOTH_STARTED,
    /** The booth started after a run that did not stop cleanly (crash, kill, power loss): its running marker was left. */
    BOOTH_RESTARTED_AFTER_UNCLEAN_STOP,
    SESSION_STARTED,
    CARD_DETECTED,
    CARD_REMOVED,
    PIN_VERIFIED,
    PIN_FAILED,
    PIN_BLOCKED,
    APPLICATION_SIGNED,
    OUTBOX_ENQUEUED,
    OUTBOX_DELIVERED,
    OUTBOX_UNREADABLE,
    /** Headquarters refused an outbox entry for good (booth reference); it stays for IT staff, not resent. */
    OUTBOX_REFUSED,
    /** Headquarters' own reference for the entry delivered just before it (written with OUTBOX_DELIVERED). */
    OUTBOX_HQ_REFERENCE,
    CALL_STARTED,
    CALL_ENDED,
    /** The clerk of the call went away (their console stopped answering); headquarters put the call back in the queue. */
    CALL_RETURNED,
    RECEIPT_ISSUED,
    SESSION_ENDED,
    SESSION_WIPED,
    MAINTENANCE_OPENED,
    MAINTENANCE_PIN_FAILED,
    MAINTENANCE_CLOSED,
    /** Five wrong maintenance PINs in a row: the maintenance entry is locked for a while (no PIN recorded). */
    MAINTENANCE_LOCKED,
    SETTINGS_CHANGED,
    LOG_EXPORTED
}

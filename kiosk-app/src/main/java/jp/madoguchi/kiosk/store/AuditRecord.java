package jp.madoguchi.kiosk.store;

import java.time.Instant;

/** One row of the {@link AuditTrail} as {@link AuditTrail#latest} returns it: its number, when, and what. */
public record AuditRecord(long seq, Instant at, AuditEvent event) {
}

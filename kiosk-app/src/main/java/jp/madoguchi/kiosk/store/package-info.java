/**
 * The booth's local store: {@link jp.madoguchi.kiosk.store.BoothStore} (one SQLite file, Flyway
 * migrations in {@code classpath:db/kiosk}) and its three parts: the {@link jp.madoguchi.kiosk.store.Outbox}
 * of signed applications encrypted with the {@link jp.madoguchi.kiosk.store.BoothKey}, the
 * {@link jp.madoguchi.kiosk.store.Settings}, and the hash-chained {@link jp.madoguchi.kiosk.store.AuditTrail}.
 * All thread-safe, one writer at a time. Nothing here logs or stores personal data in clear: logs
 * carry ids, reference numbers and counts (docs/decisions/0019-booth-local-store.md).
 */
package jp.madoguchi.kiosk.store;

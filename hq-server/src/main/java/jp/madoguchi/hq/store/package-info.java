/**
 * Headquarters' storage, used by every other part of the server: {@link jp.madoguchi.hq.store.Database}
 * (SQLite by default, PostgreSQL in production, the same Flyway migrations on both) and small
 * repositories over plain JDBC: {@link jp.madoguchi.hq.store.EnrolmentCodes},
 * {@link jp.madoguchi.hq.store.Booths} (also the TLS layer's
 * {@link jp.madoguchi.hq.security.BoothRevocations}), {@link jp.madoguchi.hq.store.Applications},
 * {@link jp.madoguchi.hq.store.Decisions}, {@link jp.madoguchi.hq.store.CallLog}, {@link jp.madoguchi.hq.store.ClerkAccounts} and
 * {@link jp.madoguchi.hq.store.ClerkSessions}. All are thread-safe; writes that must be atomic are
 * one transaction. Times come from the caller's clock and are stored as epoch milliseconds.
 * Nothing here logs application content or names: logs carry reference numbers and ids.
 */
package jp.madoguchi.hq.store;

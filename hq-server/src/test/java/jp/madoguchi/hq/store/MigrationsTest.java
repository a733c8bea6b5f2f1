package jp.madoguchi.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigrationsTest extends DatabaseTestSupport {
    private static final List<String> TABLES =
            List.of("enrolment_codes", "booths", "clerks", "clerk_sessions", "applications", "call_log", "call_returns");

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void migrationsApplyToAnEmptyDatabaseAndAreANoOpTheSecondTime(DatabaseKind kind) {
        String url = emptyDatabaseUrl(kind);
        Database first = track(Database.connect(url, null, null));
        assertEquals(3, first.migrate(), "migrations applied to an empty database");
        assertEquals(0, first.migrate(), "re-run on the same connection pool");
        for (String table : TABLES) {
            assertEquals(0, count(first, table), table + " exists and is empty");
        }
        first.close();

        Database reopened = track(Database.connect(url, null, null));
        assertEquals(0, reopened.migrate(), "re-run after reopening");
        assertEquals(kind, reopened.kind());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void theSchemaRefusesAnUnknownStatusAndAnUnknownBooth(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        assertThrows(StoreException.class, () -> database.write("bad insert", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO applications (reference, booth_id, idempotency_key,"
                        + " form_id, routing, canonical_json, cms, verification, created_at)"
                        + " VALUES ('R1', 'booth-none', 'k', 'f', 'r', X'00', X'00', '{}', 0)");
            }
        }), "foreign key to booths is enforced");
    }

    @Test
    void sqliteRunsInWalModeWithForeignKeysAndABusyTimeout() {
        Database database = freshDatabase(DatabaseKind.SQLITE);
        assertEquals("wal", pragma(database, "journal_mode"));
        assertEquals("1", pragma(database, "foreign_keys"));
        assertEquals(String.valueOf(Database.SQLITE_BUSY_TIMEOUT_MILLIS), pragma(database, "busy_timeout"));
    }

    @Test
    void anInMemorySqliteDatabaseOrAnotherKindOfUrlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Database.open("jdbc:sqlite::memory:"));
        IllegalArgumentException unsupported =
                assertThrows(IllegalArgumentException.class, () -> Database.open("jdbc:mysql://localhost/hq"));
        assertTrue(unsupported.getMessage().contains("jdbc:sqlite:"));
    }

    @Test
    void aNestedWriteIsRefusedRatherThanDeadlockingOnTheSqliteWriter() {
        Database database = freshDatabase(DatabaseKind.SQLITE);
        assertThrows(IllegalStateException.class,
                () -> database.write("outer", connection -> database.write("inner", inner -> null)));
        assertEquals(0, (int) database.write("after", connection -> 0), "the writer is free again");
    }

    private static String pragma(Database database, String name) {
        return database.read("pragma", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("PRAGMA " + name)) {
                row.next();
                return row.getString(1);
            }
        });
    }
}

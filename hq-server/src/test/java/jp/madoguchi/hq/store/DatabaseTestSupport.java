package jp.madoguchi.hq.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the store tests, each of which is a {@code @ParameterizedTest} over {@link DatabaseKind}:
 * a fresh, migrated database per test, either a SQLite file in a temporary directory or a new
 * database in the {@link PrivatePostgres} cluster. Databases opened here are closed after each test.
 */
@ExtendWith(PrivatePostgres.StopAtEnd.class)
abstract class DatabaseTestSupport {
    private static final AtomicInteger SQLITE_FILES = new AtomicInteger();

    @TempDir
    Path temporaryDirectory;

    private final List<Database> opened = new ArrayList<>();

    /** The JDBC URL of a new, empty database of {@code kind}. */
    String emptyDatabaseUrl(DatabaseKind kind) {
        return switch (kind) {
            case SQLITE -> "jdbc:sqlite:" + temporaryDirectory.resolve("hq-" + SQLITE_FILES.incrementAndGet() + ".db");
            case POSTGRESQL -> PrivatePostgres.shared().createDatabase();
        };
    }

    /** A new database of {@code kind} with the migrations applied. */
    Database freshDatabase(DatabaseKind kind) {
        return track(Database.open(emptyDatabaseUrl(kind)));
    }

    Database track(Database database) {
        opened.add(database);
        return database;
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
        opened.clear();
    }

    /** Every value of every row of {@code table} as text (binary columns decoded as UTF-8). */
    static List<String> allValues(Database database, String table) {
        return database.read("scan " + table, connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = rows.getObject(column);
                        if (value instanceof byte[] bytes) {
                            values.add(new String(bytes, StandardCharsets.UTF_8));
                        } else if (value != null) {
                            values.add(value.toString());
                        }
                    }
                }
                return values;
            }
        });
    }

    static long count(Database database, String table) {
        return database.read("count " + table, connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}

package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway runs for a new or older store and is skipped (the booth's start is half a second shorter) only when the
 * store's history is exactly the bundled migrations with Flyway's checksums.
 */
class BoothStoreMigrationTest {
    @TempDir
    Path dir;
    private BoothKey key;
    private Path file;

    @BeforeEach
    void setUp() {
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        file = dir.resolve("booth.db");
    }

    @AfterEach
    void tearDown() {
        key.close();
    }

    @Test
    void aNewStoreIsMigratedByFlywayAndTheNextStartSkipsFlywayWithTheSameData() {
        try (BoothStore store = BoothStore.open(file, key)) {
            assertTrue(store.flywayRan(), "a new database is Flyway's");
            store.settings().set(SettingKey.BOOTH_NAME, "北部出張所 2番");
        }
        try (BoothStore store = BoothStore.open(file, key)) {
            assertFalse(store.flywayRan(), "already at the newest bundled migration");
            assertEquals("北部出張所 2番", store.settings().get(SettingKey.BOOTH_NAME));
            store.settings().set(SettingKey.BOOTH_NAME, "北部出張所 3番");
            assertEquals("北部出張所 3番", store.settings().get(SettingKey.BOOTH_NAME));
        }
    }

    @Test
    void theChecksumIsFlywaysOwnForEveryBundledMigration() throws SQLException {
        BoothStore.open(file, key).close();
        List<String> scripts = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT script, checksum FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rows.next()) {
                scripts.add(rows.getString(1));
                assertEquals(rows.getInt(2), BoothStore.flywayChecksum(rows.getString(1)).orElseThrow(),
                        rows.getString(1));
            }
        }
        assertEquals(BoothStore.BUNDLED_MIGRATIONS, scripts);
    }

    @Test
    void theBundledListIsTheMigrationFolder() throws IOException, URISyntaxException {
        URL folder = BoothStore.class.getClassLoader().getResource("db/kiosk");
        List<String> files;
        try (Stream<Path> listed = Files.list(Path.of(folder.toURI()))) {
            files = listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertEquals(files, BoothStore.BUNDLED_MIGRATIONS.stream().sorted().toList(),
                "a migration added to db/kiosk must be added to BoothStore.BUNDLED_MIGRATIONS too");
    }

    @Test
    void anOlderStoreIsNotCurrentWhenANewerMigrationIsBundled() throws SQLException {
        BoothStore.open(file, key).close();
        try (Connection c = connect()) {
            assertTrue(BoothStore.isAtNewestBundledMigration(c, List.of("V1__booth_store.sql")));
            assertFalse(BoothStore.isAtNewestBundledMigration(c, List.of("V1__booth_store.sql", "V2__later.sql")),
                    "a booth updated with a V2 migration must run Flyway");
        }
    }

    @Test
    void aFailedOrChangedMigrationInTheHistoryGoesToFlyway() throws SQLException {
        BoothStore.open(file, key).close();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1");
            assertFalse(BoothStore.isAtNewestBundledMigration(c, BoothStore.BUNDLED_MIGRATIONS), "changed script");
            s.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum - 1, success = 0");
            assertFalse(BoothStore.isAtNewestBundledMigration(c, BoothStore.BUNDLED_MIGRATIONS), "failed migration");
            s.executeUpdate("UPDATE flyway_schema_history SET success = 1");
            assertTrue(BoothStore.isAtNewestBundledMigration(c, BoothStore.BUNDLED_MIGRATIONS));
        }
    }

    @Test
    void anEmptyFileIsNotCurrentAndFlywayCreatesTheSchema() throws IOException, SQLException {
        Files.createFile(file);
        try (Connection c = connect()) {
            assertFalse(BoothStore.isAtNewestBundledMigration(c, BoothStore.BUNDLED_MIGRATIONS));
        }
        try (BoothStore store = BoothStore.open(file, key)) {
            assertTrue(store.flywayRan());
            assertEquals(0, store.outbox().size());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}

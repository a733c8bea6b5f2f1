package jp.madoguchi.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PrivatePostgres.StopAtEnd.class)
class PrivatePostgresTest {

    @Test
    void withoutPostgresqlInstalledTheTestsFailAndSayHowToInstallIt(@TempDir Path emptyInstallRoot) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> PrivatePostgres.findBinaries(emptyInstallRoot));
        assertTrue(failure.getMessage().contains("scripts/install-system-deps.sh"), failure.getMessage());
    }

    @Test
    void theNewestInstalledVersionIsUsed(@TempDir Path installRoot) throws Exception {
        for (String version : new String[] {"9", "15", "13"}) {
            Path bin = Files.createDirectories(installRoot.resolve(version).resolve("bin"));
            for (String program : new String[] {"initdb", "pg_ctl"}) {
                Files.createFile(bin.resolve(program)).toFile().setExecutable(true);
            }
        }
        assertEquals(installRoot.resolve("15/bin"), PrivatePostgres.findBinaries(installRoot));
    }

    @Test
    void theClusterListensOnLoopbackAndEachDatabaseIsNewAndEmpty() throws Exception {
        String first = PrivatePostgres.shared().createDatabase();
        String second = PrivatePostgres.shared().createDatabase();
        assertTrue(first.startsWith("jdbc:postgresql://127.0.0.1:" + PrivatePostgres.shared().port() + "/"));
        assertTrue(!first.equals(second));
        try (Connection connection = DriverManager.getConnection(first);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            row.next();
            assertEquals(0, row.getInt(1));
        }
    }
}

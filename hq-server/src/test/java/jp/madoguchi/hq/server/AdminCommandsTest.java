package jp.madoguchi.hq.server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import jp.madoguchi.hq.security.Argon2PasswordHashing;
import jp.madoguchi.hq.security.EnrolmentCodes;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.ClerkAccounts;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.LockoutPolicy;
import jp.madoguchi.hq.store.LoginOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The IT staff's commands, on the database a headquarters in demo mode would use. */
class AdminCommandsTest {
    @TempDir
    Path dir;

    private String run(String... command) {
        StringWriter printed = new StringWriter();
        String[] args = new String[command.length + 4];
        args[0] = "--demo";
        args[1] = "--data-dir";
        args[2] = dir.resolve("data").toString();
        args[3] = "--test-authority=" + dir.resolve("authority");
        System.arraycopy(command, 0, args, 4, command.length);
        int exit = new CommandLine(new HqMain(Map.of(), new PrintWriter(printed, true))).execute(args);
        return exit + "\n" + printed;
    }

    private Database database() {
        Database database = Database.open("jdbc:sqlite:" + dir.resolve("data").resolve("hq.db"));
        database.migrate();
        return database;
    }

    @Test
    void anEnrolmentCodeIsPrintedOnceAndOnlyItsHashIsKept() throws Exception {
        String printed = run("enrolment-code", "--booth-name", "北部出張所", "--valid-hours", "2");
        assertTrue(printed.startsWith("0\n"), printed);
        String code = printed.split("\n")[1].strip();
        assertTrue(EnrolmentCodes.isWellFormed(code), code);
        try (Database database = database()) {
            var stored = new jp.madoguchi.hq.store.EnrolmentCodes(database, Clock.systemUTC())
                    .find(EnrolmentCodes.hash(code)).orElseThrow();
            assertEquals("北部出張所", stored.boothName());
            byte[] file = Files.readAllBytes(dir.resolve("data").resolve("hq.db"));
            assertFalse(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(code), "the code is not stored");
        }
    }

    @Test
    void aClerkAddedFromAFileCanLogIn() throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "correct-horse-battery\n");
        assertTrue(run("add-clerk", "sato", "--display-name", "佐藤", "--password-file", password.toString()).startsWith("0\n"));
        assertTrue(run("add-clerk", "sato", "--display-name", "佐藤", "--password-file", password.toString()).contains("taken"));
        try (Database database = database()) {
            ClerkAccounts accounts = new ClerkAccounts(database, new Argon2PasswordHashing(), Clock.systemUTC(), LockoutPolicy.DEFAULT);
            assertInstanceOf(LoginOutcome.Ok.class, accounts.authenticate("sato", "correct-horse-battery".toCharArray(), Instant.now()));
            assertFalse(accounts.findByUsername("sato").orElseThrow().admin());
        }
    }

    @Test
    void anAdminClerkIsAddedWithAdmin() throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "correct-horse-battery\n");
        assertTrue(run("add-clerk", "kanri", "--display-name", "管理", "--admin", "--password-file", password.toString())
                .contains("Admin clerk kanri added."));
        try (Database database = database()) {
            ClerkAccounts accounts = new ClerkAccounts(database, new Argon2PasswordHashing(), Clock.systemUTC(), LockoutPolicy.DEFAULT);
            assertTrue(accounts.findByUsername("kanri").orElseThrow().admin());
        }
    }

    @Test
    void revokingABoothMarksItAndAnUnknownBoothIsSaid() {
        try (Database database = database()) {
            new Booths(database).add("booth-x1", "北部出張所", java.math.BigInteger.TEN, "-", Instant.now());
        }
        assertTrue(run("booths").contains("booth-x1\t北部出張所"));
        assertTrue(run("revoke-booth", "booth-x1").contains("is revoked"));
        assertTrue(run("booths").contains("revoked"));
        assertTrue(run("revoke-booth", "booth-x1").contains("already revoked"));
        assertTrue(run("revoke-booth", "booth-nope").startsWith("1\n"));
        try (Database database = database()) {
            assertTrue(new Booths(database).isRevoked(java.math.BigInteger.TEN));
        }
    }
}

package jp.madoguchi.hq.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.config.HqConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration: file, environment over file, validation naming the key, secrets redacted. */
class HqConfigTest {
    private static final String JITSI_SECRET = "jitsi-app-secret-0123456789abcdef-XYZ";
    private static final String KEYSTORE_PASSWORD = "keystore-pass-Q7";

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("jitsi.secret"), JITSI_SECRET + "\n");
        Files.writeString(dir.resolve("keystore.password"), KEYSTORE_PASSWORD + "\r\n");
        Files.write(dir.resolve("server.p12"), new byte[] {1});
        Files.write(dir.resolve("trust.p12"), new byte[] {1});
        Files.createDirectories(dir.resolve("jpki-roots"));
        file = dir.resolve("hq.properties");
        Files.writeString(file, String.join("\n",
                "port = 9443",
                "data.dir = data",
                "jitsi.domain = meet.example.jp",
                "jitsi.app_id = madoguchi",
                "jitsi.secret_file = jitsi.secret",
                "tls.keystore = server.p12",
                "tls.keystore_password_file = keystore.password",
                "tls.truststore = trust.p12",
                "jpki.roots_dir = jpki-roots",
                "routing.citizens = juminhyo, inkan",
                "routing.tax = shotoku",
                ""), StandardCharsets.UTF_8);
    }

    private HqConfig load(Map<String, String> environment) {
        return HqConfig.loader().defaults(Map.of(HqConfig.HOST, "0.0.0.0"), "defaults").file(file)
                .environment(environment).load();
    }

    @Test
    void withoutAKeystoreHeadquartersIssuesItsOwnServerCertificate() throws Exception {
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^tls\\..*$", "tls.server_names = hq.example.jp, 10.0.0.5"));
        HqConfig config = load(Map.of());
        assertTrue(config.tlsKeystoreFile().isEmpty());
        assertTrue(config.tlsTruststoreFile().isEmpty());
        assertEquals(List.of("hq.example.jp", "10.0.0.5"), config.tlsServerNames());
    }

    @Test
    void aKeystoreNeedsATruststoreAndJpkiRootsAreRequired() throws Exception {
        Files.writeString(file, Files.readString(file).replace("tls.truststore = trust.p12", ""));
        assertEquals(HqConfig.TLS_TRUSTSTORE, assertThrows(HqConfigException.class, () -> load(Map.of())).key());
        Files.writeString(file, Files.readString(file).replace("jpki.roots_dir = jpki-roots", "tls.truststore = trust.p12"));
        assertEquals(HqConfig.JPKI_ROOTS_DIR, assertThrows(HqConfigException.class, () -> load(Map.of())).key());
    }

    @Test
    void readsTheFileResolvingRelativePathsAgainstIt() {
        HqConfig config = load(Map.of());
        assertEquals(9443, config.port());
        assertEquals(dir.resolve("data").toAbsolutePath(), config.dataDir());
        assertEquals("jdbc:sqlite:" + dir.resolve("data").resolve("hq.db").toAbsolutePath(), config.dbUrl());
        assertEquals(dir.resolve("server.p12").toAbsolutePath(), config.tlsKeystore());
        assertArrayEquals(JITSI_SECRET.toCharArray(), config.jitsiSecret().chars(), "one final line break is not the secret");
        assertArrayEquals(KEYSTORE_PASSWORD.toCharArray(), config.tlsKeystorePassword().chars());
        assertEquals(Map.of("citizens", List.of("juminhyo", "inkan"), "tax", List.of("shotoku")), config.routing());
        assertEquals(Optional.of("citizens"), config.departmentFor("inkan"));
        assertEquals(Optional.empty(), config.departmentFor("koseki"));
    }

    @Test
    void environmentOverridesTheFile() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MADOGUCHI_HQ_PORT", "10443");
        environment.put("MADOGUCHI_HQ_JITSI_DOMAIN", "jitsi.city.example.jp");
        environment.put("MADOGUCHI_HQ_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hq");
        environment.put("MADOGUCHI_HQ_ROUTING_TAX", "shotoku,kazei");
        environment.put("PATH", "/usr/bin");
        environment.put("MADOGUCHI_HQ_JITSI_APP_ID", "");
        HqConfig config = load(environment);
        assertEquals(10443, config.port());
        assertEquals("jitsi.city.example.jp", config.jitsiDomain());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/hq", config.dbUrl());
        assertEquals(List.of("shotoku", "kazei"), config.routing().get("tax"));
        assertEquals("madoguchi", config.jitsiAppId(), "keys not in the environment keep the file's value");
    }

    @Test
    void commandLineOverridesTheEnvironment() {
        HqConfig config = HqConfig.loader().defaults(Map.of(HqConfig.HOST, "0.0.0.0"), "defaults").file(file)
                .environment(Map.of("MADOGUCHI_HQ_PORT", "10443")).overrides(Map.of(HqConfig.PORT, "0")).load();
        assertEquals(0, config.port());
    }

    @Test
    void errorsNameTheKeyAndWhereTheValueCameFrom() {
        HqConfigException badPort = assertThrows(HqConfigException.class, () -> load(Map.of("MADOGUCHI_HQ_PORT", "84x3")));
        assertEquals(HqConfig.PORT, badPort.key());
        assertTrue(badPort.getMessage().contains("'port'"), badPort.getMessage());
        assertTrue(badPort.getMessage().contains("MADOGUCHI_HQ_PORT"), badPort.getMessage());

        HqConfigException outOfRange = assertThrows(HqConfigException.class, () -> load(Map.of("MADOGUCHI_HQ_PORT", "70000")));
        assertEquals(HqConfig.PORT, outOfRange.key());

        HqConfigException missingFile = assertThrows(HqConfigException.class,
                () -> load(Map.of("MADOGUCHI_HQ_TLS_TRUSTSTORE", "/nonexistent/trust.p12")));
        assertEquals(HqConfig.TLS_TRUSTSTORE, missingFile.key());
        assertTrue(missingFile.getMessage().contains("/nonexistent/trust.p12"), missingFile.getMessage());

        HqConfigException domain = assertThrows(HqConfigException.class,
                () -> load(Map.of("MADOGUCHI_HQ_JITSI_DOMAIN", "https://meet.example.jp/")));
        assertEquals(HqConfig.JITSI_DOMAIN, domain.key());

        HqConfigException password = assertThrows(HqConfigException.class,
                () -> load(Map.of("MADOGUCHI_HQ_DB_URL", "jdbc:postgresql://db/hq?user=hq&password=hunter2")));
        assertEquals(HqConfig.DB_URL, password.key());
        assertFalse(password.getMessage().contains("hunter2"), password.getMessage());

        HqConfigException unknownVariable = assertThrows(HqConfigException.class,
                () -> load(Map.of("MADOGUCHI_HQ_JITSI_APPID", "x")));
        assertTrue(unknownVariable.getMessage().contains("MADOGUCHI_HQ_JITSI_APPID"), unknownVariable.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "meet.example.jp, meet.example.jp",
        "meet.example.jp:8443, meet.example.jp",
        "localhost:8080, localhost",
        "127.0.0.1:1, 127.0.0.1",
        "localhost:65535, localhost",
        "[::1]:9000, [::1]"})
    void theJitsiDomainMayCarryAPortAndIsKeptAsGiven(String domain, String host) {
        HqConfig config = load(Map.of("MADOGUCHI_HQ_JITSI_DOMAIN", domain));
        assertEquals(domain, config.jitsiDomain(), "sent to booths and clerks unchanged");
        assertEquals(host, config.jitsiHost(), "the tokens' sub is the host alone");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"localhost:0", "localhost:65536", "localhost:99999",
        "localhost:123456", "localhost:", ":8080", "localhost:http", "localhost:80:80", "meet.example.jp/room",
        "https://meet.example.jp", "http://127.0.0.1:8080", "meet example.jp", "-meet.example.jp", "localhost:-1",
        "user@localhost:8080"})
    void aJitsiDomainThatIsNotHostAndPortIsRefused(String domain) {
        HqConfigException error = assertThrows(HqConfigException.class,
                () -> load(Map.of("MADOGUCHI_HQ_JITSI_DOMAIN", domain)));
        assertEquals(HqConfig.JITSI_DOMAIN, error.key());
        assertTrue(error.getMessage().contains("port from 1 to 65535"), error.getMessage());
    }

    @Test
    void requiredKeysAreNamedWithTheirEnvironmentVariable() throws Exception {
        Files.writeString(file, Files.readString(file).replace("jitsi.app_id = madoguchi\n", ""));
        HqConfigException missing = assertThrows(HqConfigException.class, () -> load(Map.of()));
        assertEquals(HqConfig.JITSI_APP_ID, missing.key());
        assertTrue(missing.getMessage().contains("MADOGUCHI_HQ_JITSI_APP_ID"), missing.getMessage());
    }

    @Test
    void unknownKeysInTheFileAreErrors() throws Exception {
        Files.writeString(file, Files.readString(file) + "jitsi.app-id = typo\n");
        HqConfigException unknown = assertThrows(HqConfigException.class, () -> load(Map.of()));
        assertEquals("jitsi.app-id", unknown.key());
    }

    @Test
    void routingMistakesAreNamed() throws Exception {
        Files.writeString(file, Files.readString(file) + "routing.family = koseki, inkan\n");
        HqConfigException twice = assertThrows(HqConfigException.class, () -> load(Map.of()));
        assertEquals("routing.family", twice.key());
        assertTrue(twice.getMessage().contains("inkan"), twice.getMessage());
    }

    @Test
    void aShortJitsiSecretIsRefusedWithoutShowingIt() throws Exception {
        Files.writeString(dir.resolve("jitsi.secret"), "short-secret-123");
        HqConfigException shortSecret = assertThrows(HqConfigException.class, () -> load(Map.of()));
        assertEquals(HqConfig.JITSI_SECRET_FILE, shortSecret.key());
        assertFalse(shortSecret.getMessage().contains("short-secret-123"), shortSecret.getMessage());
    }

    @Test
    void howLongAClerkMayBeAwayWhileHoldingACallIsThirtySecondsUnlessSet() {
        assertEquals(java.time.Duration.ofSeconds(30), load(Map.of()).clerkVanishAfter());
        assertEquals(java.time.Duration.ofSeconds(90),
                load(Map.of("MADOGUCHI_HQ_CLERK_VANISH_AFTER_SECONDS", "90")).clerkVanishAfter());
        for (String bad : List.of("2", "3601", "30s", "-5")) {
            HqConfigException error = assertThrows(HqConfigException.class,
                    () -> load(Map.of("MADOGUCHI_HQ_CLERK_VANISH_AFTER_SECONDS", bad)), bad);
            assertEquals(HqConfig.CLERK_VANISH_AFTER_SECONDS, error.key());
            assertTrue(error.getMessage().contains("5 to 3600"), error.getMessage());
        }
    }

    @Test
    void toStringShowsNoSecret() {
        HqConfig config = load(Map.of());
        String text = config.toString();
        assertFalse(text.contains(JITSI_SECRET), text);
        assertFalse(text.contains(KEYSTORE_PASSWORD), text);
        assertTrue(text.contains("jitsiSecret=<redacted>"), text);
        assertEquals("<redacted>", config.jitsiSecret().toString());
    }

    @Test
    void theHelpNamesEveryKeyAndItsEnvironmentVariable() {
        String help = String.join("\n", HqConfig.keyHelp());
        for (String key : HqConfig.KEYS) {
            assertTrue(help.contains(key + " "), key);
            assertTrue(help.contains(HqConfig.environmentName(key)), key);
        }
        assertTrue(HqConfig.keyHelp().stream().allMatch(line -> line.length() < 80));
    }
}

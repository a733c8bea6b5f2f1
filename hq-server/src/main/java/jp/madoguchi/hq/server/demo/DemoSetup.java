package jp.madoguchi.hq.server.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.TestAuthority;

/**
 * What demo mode needs besides defaults, made once under {@code DATA_DIR/demo}: a random Jitsi app
 * secret, and the JPKI-like test authority's roots and CRLs (the same authority
 * {@code card-reader.jar emulate} issues cards from), so signatures made with emulated cards verify.
 * Nothing here is trusted outside demo mode.
 */
public final class DemoSetup {
    /** Demo clerk login, printed at start; demo mode only. An admin (enrolment codes, booths, clerk accounts). */
    public static final String DEMO_CLERK = "demo";
    public static final String DEMO_CLERK_PASSWORD = "madoguchi-demo";
    public static final String DEMO_CLERK_DISPLAY_NAME = "デモ職員";
    /** A second, ordinary demo clerk, so two clerk consoles can be tried side by side. */
    public static final String DEMO_CLERK_2 = "demo2";
    public static final String DEMO_CLERK_2_PASSWORD = "madoguchi-demo2";
    public static final String DEMO_CLERK_2_DISPLAY_NAME = "佐藤 花子";
    /** Where the demo booth stands, as the clerk console shows it. */
    public static final String DEMO_BOOTH_LOCATION = "北部出張所 1階";

    /** Files demo mode points the configuration at. */
    public record Material(Path directory, Path jitsiSecretFile, Path jpkiRootsDir, Path testAuthorityDir) {
    }

    private DemoSetup() {
    }

    /**
     * @param testAuthorityDir the emulator's test authority (default: the one {@code emulate} uses)
     */
    public static Material ensure(Path dataDir, Path testAuthorityDir) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("demo"));
        Path secret = dir.resolve("jitsi-secret");
        if (!Files.exists(secret)) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            Files.writeString(secret, Base64.getEncoder().encodeToString(random), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
        }
        Path authority = testAuthorityDir != null ? testAuthorityDir : EmulatedCards.defaultAuthorityDirectory();
        Path roots = dir.resolve("jpki-roots");
        TestAuthority.loadOrCreate(authority).exportTrustMaterial(roots);
        return new Material(dir, secret, roots, authority);
    }
}

package jp.madoguchi.card.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;

/**
 * Makes emulated cards: a persona plus credentials freshly issued by a test authority. Where the
 * demo keeps its authority by default, and how a persona is found from a path or a built-in id.
 */
public final class EmulatedCards {
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmulatedCards() {
    }

    /** A card for {@code persona} with certificates issued now by {@code authority}. */
    public static EmulatedMyNumberCard create(Persona persona, TestAuthority authority) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        IssuedCredentials credentials = authority.issue("JPKI-TEST-" + HexFormat.of().withUpperCase().formatHex(id),
                persona.basic4(), new HashSet<>(persona.nameSubstituted()), new HashSet<>(persona.addressSubstituted()));
        return new EmulatedMyNumberCard(persona, credentials, authority.integrityIssuerKey());
    }

    /**
     * A persona from a JSON file when {@code fileOrId} names one, else the built-in persona with
     * that id.
     *
     * @throws IOException when it is neither (the message lists the built-in ids)
     */
    public static Persona persona(String fileOrId) throws IOException {
        Path path = Path.of(fileOrId);
        if (Files.isRegularFile(path)) {
            return Personas.load(path);
        }
        if (Personas.builtInIds().contains(fileOrId)) {
            return Personas.builtIn(fileOrId);
        }
        throw new IOException("no persona file or built-in persona '" + fileOrId + "'; built-in: " + Personas.builtInIds());
    }

    /**
     * Where the demo's test authority lives unless told otherwise:
     * {@code $XDG_DATA_HOME/madoguchi/test-authority}, or {@code ~/.local/share/madoguchi/test-authority}.
     */
    public static Path defaultAuthorityDirectory() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("madoguchi").resolve("test-authority");
    }
}

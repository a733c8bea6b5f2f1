package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.madoguchi.kiosk.app.BoothMain.UsageException;

/** The booth's command line: what IT staff and the demo script type, and what they are told when it is wrong. */
class BoothMainTest {
    @TempDir
    Path temp;

    @Test
    void aBoothInServiceIsFullScreenAndTheDemoIsWindowed() {
        BoothOptions service = BoothMain.parse("--data-dir", temp.toString());
        assertFalse(service.demo());
        assertEquals(BoothOptions.Display.KIOSK, service.display());
        assertEquals(Optional.empty(), service.headquartersUrl());
        assertEquals(Optional.empty(), service.language());

        BoothOptions demo = BoothMain.parse("--demo", "--data-dir", temp.toString());
        assertTrue(demo.demo());
        assertEquals(BoothOptions.Display.WINDOWED, demo.display());
        assertEquals("default", demo.persona());

        assertEquals(BoothOptions.Display.KIOSK, BoothMain.parse("--demo", "--kiosk").display());
        assertEquals(BoothOptions.Display.WINDOWED, BoothMain.parse("--windowed").display());
    }

    @Test
    void everyOptionIsTakenAsGiven() throws Exception {
        Path boothDir = Files.createDirectory(temp.resolve("booth"));
        BoothOptions options = BoothMain.parse("--demo", "--data-dir", temp.resolve("data").toString(),
                "--hq-url", "https://localhost:8443", "--booth-dir", boothDir.toString(),
                "--lang", "ja-easy", "--test-authority", temp.resolve("ta").toString(),
                "--persona", "long-address", "--verbose");
        assertEquals(temp.resolve("data"), options.dataDirectory());
        assertEquals(Optional.of(URI.create("https://localhost:8443")), options.headquartersUrl());
        assertEquals(Optional.of(boothDir), options.boothDirectory());
        assertEquals(Optional.of(BoothLanguage.EASY_JAPANESE), options.language());
        assertEquals(temp.resolve("ta"), options.testAuthority());
        assertEquals("long-address", options.persona());
        assertTrue(options.verbose());
    }

    @Test
    void everyBoothLanguageHasItsCode() {
        String[] codes = {"ja", "ja-easy", "en", "zh", "ko", "vi", "pt"};
        for (int i = 0; i < codes.length; i++) {
            assertEquals(Optional.of(BoothLanguage.values()[i]), BoothMain.parse("--lang", codes[i]).language(), codes[i]);
        }
    }

    @Test
    void anUnknownLanguageIsRefusedWithTheCodesThatWork() {
        UsageException e = assertThrows(UsageException.class, () -> BoothMain.parse("--lang", "fr"));
        assertEquals("Invalid value for option '--lang': 'fr' is not a booth language; use one of ja, ja-easy, en, zh, "
                + "ko, vi, pt", e.getMessage());
    }

    @Test
    void headquartersMustBeHttpsOrThisMachine() {
        UsageException plain = assertThrows(UsageException.class,
                () -> BoothMain.parse("--hq-url", "http://hq.example.lg.jp"));
        assertTrue(plain.getMessage().startsWith("Invalid value for option '--hq-url': 'http://hq.example.lg.jp' is not "
                + "usable: an https:// URL"), plain.getMessage());
        UsageException garbage = assertThrows(UsageException.class,
                () -> BoothMain.parse("--hq-url", "not a url"));
        assertTrue(garbage.getMessage().contains("'not a url'"), garbage.getMessage());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8080")),
                BoothMain.parse("--hq-url", "http://127.0.0.1:8080").headquartersUrl());
    }

    @Test
    void demoOnlyOptionsAreRefusedOutsideTheDemo() {
        UsageException authority = assertThrows(UsageException.class,
                () -> BoothMain.parse("--test-authority", temp.toString()));
        assertEquals("--test-authority is only for --demo", authority.getMessage());
        UsageException persona = assertThrows(UsageException.class,
                () -> BoothMain.parse("--persona", "gaiji"));
        assertEquals("--persona is only for --demo", persona.getMessage());
    }

    @Test
    void aBoothInServiceFollowsTheNamedReaderAndTheDemoOnlyItsOwn() {
        assertEquals(Optional.of("Virtual PCD 00 00"), BoothMain.parse("--reader", "Virtual PCD 00 00").reader());
        UsageException e = assertThrows(UsageException.class,
                () -> BoothMain.parse("--demo", "--reader", "Virtual PCD 00 00"));
        assertEquals("--reader is not for --demo: the demo's card is in the booth's own reader \"Madoguchi Demo Reader\"",
                e.getMessage());
        UsageException blank = assertThrows(UsageException.class, () -> BoothMain.parse("--reader", " "));
        assertEquals("Invalid value for option '--reader': the name is empty", blank.getMessage());
    }

    @Test
    void anUnknownPersonaIsRefusedWithTheBuiltInOnes() {
        UsageException e = assertThrows(UsageException.class,
                () -> BoothMain.parse("--demo", "--persona", "nobody"));
        assertTrue(e.getMessage().startsWith("Invalid value for option '--persona': 'nobody' is not a built-in persona;"
                + " known: default, long-address, gaiji"), e.getMessage());
    }

    @Test
    void directoriesThatAreNotDirectoriesAreRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        UsageException booth = assertThrows(UsageException.class,
                () -> BoothMain.parse("--booth-dir", temp.resolve("missing").toString()));
        assertEquals("Invalid value for option '--booth-dir': " + temp.resolve("missing") + " is not a directory",
                booth.getMessage());
        UsageException data = assertThrows(UsageException.class,
                () -> BoothMain.parse("--data-dir", file.toString()));
        assertEquals("Invalid value for option '--data-dir': " + file + " exists and is not a directory",
                data.getMessage());
    }

    @Test
    void windowedAndKioskTogetherAreRefused() {
        UsageException e = assertThrows(UsageException.class, () -> BoothMain.parse("--windowed", "--kiosk"));
        assertTrue(e.getMessage().contains("mutually exclusive"), e.getMessage());
    }

    @Test
    void aBadCommandLineExitsWithUsageCodeAndSaysWhyWithoutStartingAnything() {
        AtomicBoolean partsAsked = new AtomicBoolean();
        Result result = run(() -> {
            partsAsked.set(true);
            return new PlaceholderParts();
        }, "--lang", "xx", "--data-dir", temp.resolve("never").toString());
        assertEquals(BoothMain.EXIT_USAGE, result.code);
        assertTrue(result.err.contains("kiosk-app: Invalid value for option '--lang': 'xx' is not a booth language"),
                result.err);
        assertTrue(result.err.contains("Try 'kiosk-app --help'."), result.err);
        assertFalse(partsAsked.get());
        assertFalse(Files.exists(temp.resolve("never")), "no data directory is made for a bad command line");
    }

    @Test
    void enrolmentIsACommandNotAnOption() {
        Result result = run(PlaceholderParts::new, "--enroll");
        assertEquals(BoothMain.EXIT_USAGE, result.code);
        assertTrue(result.err.contains("Unknown option: '--enroll'"), result.err);
    }

    @Test
    void abbreviationsStrayWordsRepeatsAndMissingValuesAreRefusedWithTheReason() {
        assertEquals("Unknown option: '--dem'", assertThrows(UsageException.class,
                () -> BoothMain.parse("--dem")).getMessage(), "no abbreviated options at a booth");
        assertEquals("Unmatched argument: 'demo'", assertThrows(UsageException.class,
                () -> BoothMain.parse("demo")).getMessage());
        assertEquals("option '--lang' should be specified only once", assertThrows(UsageException.class,
                () -> BoothMain.parse("--lang", "ja", "--lang", "en")).getMessage());
        assertEquals("Missing required parameter for option '--data-dir' (DIR)", assertThrows(UsageException.class,
                () -> BoothMain.parse("--data-dir")).getMessage());
        assertEquals(Optional.of(BoothLanguage.ENGLISH), BoothMain.parse("--lang=en").language(), "--opt=value");
    }

    @Test
    void versionIsPrintedWithoutStartingAnything() {
        Result result = run(() -> {
            throw new AssertionError("no booth for --version");
        }, "--version");
        assertEquals(BoothMain.EXIT_OK, result.code);
        assertEquals(BoothMain.VERSION, result.out.strip());
    }

    @Test
    void helpListsEveryOption() {
        Result result = run(PlaceholderParts::new, "--help");
        assertEquals(BoothMain.EXIT_OK, result.code);
        for (String option : new String[] {"--demo", "--data-dir", "--hq-url", "--booth-dir", "--reader", "--windowed",
            "--kiosk", "--lang", "--test-authority", "--persona", "--verbose"}) {
            assertTrue(result.out.contains(option), option + " missing from:\n" + result.out);
        }
    }

    @Test
    void theLogGoesIntoTheDataDirectoryBeforeAnythingStarts() {
        List<String> configured = new ArrayList<>();
        Path data = temp.resolve("data");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BoothMain.run(new String[] {"--data-dir", data.toString(), "-v"}, () -> {
            configured.add("parts asked");
            throw new IllegalStateException("stop here");
        }, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err),
                (file, verbose) -> configured.add(file + " verbose=" + verbose));
        assertEquals(BoothMain.EXIT_FAILURE, code);
        assertEquals(List.of(data.resolve("logs").resolve("booth.log").toAbsolutePath() + " verbose=true",
                "parts asked"), configured);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(java.util.function.Supplier<BoothParts> parts, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BoothMain.run(args, parts, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), (file, verbose) -> { });
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

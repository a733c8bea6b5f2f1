package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.privacy.PersonalDataScan;
import jp.madoguchi.kiosk.session.JourneyStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's privacy check: after a complete journey (one application delivered, one left in the outbox while
 * headquarters is down), the booth's SQLite file, its WAL, the test log and the files created in the temp
 * folder hold none of the persona's name, address, birth date or individual number, nor what the clerk showed
 * on the booth's screen during the call (a text and a picture). The application waiting in the outbox is there
 * only encrypted.
 */
class JourneyPrivacyTest {
    private static final Path LOG = Path.of("target", "kiosk-app-test.log");
    /** What the clerk shows during the call: it may be the resident's data, so it must not be left anywhere. */
    private static final String SHOWN_TEXT = "見本太郎様の転出先は窓口確認済みです";

    @TempDir
    Path dir;

    @Test
    void afterCompleteJourneysNoPersonalDataIsLeftInTheStoreTheLogOrTheTempFolder() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        Persona persona;
        try (JourneyHarness booth = new JourneyHarness(dir)) {
            persona = journey(booth, true).persona();
            booth.hq.goOffline();
            journey(booth, false);
            booth.journey.awaitStoreWrites(JourneyHarness.WAIT);
            assertEquals(1, booth.store.outbox().size(), "the second application waits, encrypted");
            assertTrue(Files.size(dir.resolve("booth.db-wal")) > 0, "the WAL holds the latest writes");
            scan(persona, storeFiles());
        }
        List<Path> files = storeFiles();
        assertTrue(Files.size(LOG) > 0, "the test log is written");
        files.add(LOG);
        files.addAll(tempFilesSince(start));
        scan(persona, files);

        // the scan itself can fail: a file holding the birth date as the card has it is caught
        Path canary = dir.resolve("canary.txt");
        assertTrue(files.contains(dir.resolve("booth.key")), "the test's own folder is scanned: " + files);
        Files.writeString(canary, "born " + persona.birthDate().toString().replace("-", ""));
        assertThrows(AssertionError.class, () -> scan(persona, List.of(canary)));
    }

    private EmulatedMyNumberCard journey(JourneyHarness booth, boolean online) {
        Journey journey = booth.journey;
        journey.chooseLanguage(BoothLanguage.JAPANESE);
        journey.chooseProcedure("juminhyo");
        EmulatedMyNumberCard card = booth.insert("default");
        booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.secret().map(PinScreen::padShown).orElse(false));
        booth.typeAndSubmit(card.persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY);
        journey.confirmIdentity(true);
        journey.acceptUsualAnswers();
        booth.await("the review", v -> v.review().isPresent());
        journey.confirmReview();
        booth.await("the signature keyboard", v -> v.secret().map(PinScreen::padShown).orElse(false));
        booth.typeAndSubmit(card.persona().signaturePassword());
        if (online) {
            booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
            booth.hq.answerCall("room-1");
            booth.video.peerJoins("Clerk");
            booth.await("in the call", v -> v.call().map(c -> c.phase() == CallPhase.IN_CALL).orElse(false));
            booth.hq.clerkShows(SHOWN_TEXT, shownPicture(), "image/png");
            booth.await("the clerk's text and picture", v -> v.call().flatMap(JourneyView.CallView::shown)
                    .map(JourneyView.ClerkShowsView::hasPicture).orElse(false));
            booth.hq.sendDecision(Outcome.ACCEPTED, "ok");
            booth.video.remoteEnds();
        }
        booth.await("the receipt", v -> v.receipt().isPresent());
        journey.finish();
        booth.removeCard();
        booth.await("attract", v -> v.step() == JourneyStep.ATTRACT);
        return card;
    }

    private List<Path> storeFiles() {
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("booth.db"));
        files.add(dir.resolve("booth.db-wal"));
        return files;
    }

    /**
     * Files created since {@code start} directly in java.io.tmpdir (where the JDK, ImageIO, sqlite-jdbc and
     * PDFBox put their temporary files) and everything under this test's own folder. Folders other programs
     * create in the shared temp folder meanwhile (another project's headquarters, which rightly stores
     * applications) are not the booth's and are left out.
     */
    private List<Path> tempFilesSince(Instant start) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> found = new ArrayList<>(PersonalDataScan.filesCreatedSince(tmp, start));
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !file.getFileName().toString().startsWith("canary")) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    /** The picture the clerk shows, as the frame carries it (base64); the scan looks for that text too. */
    private static String shownPicture() {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return java.util.Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The persona's data in every plausible encoding, and what the clerk showed (PersonalDataScan). */
    private static void scan(Persona persona, List<Path> files) {
        PersonalDataScan.Result result = PersonalDataScan.of(persona).with("what the clerk showed (text)", SHOWN_TEXT)
                .with("what the clerk showed (picture)", shownPicture()).assertNoneIn(files);
        assertTrue(result.files() >= 1, "nothing was scanned");
    }
}

package jp.madoguchi.kiosk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.forms.fill.Wareki;
import jp.madoguchi.hqlink.client.ClerkClient;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.ShowOnBooth;
import jp.madoguchi.kiosk.hq.DemoHeadquarters;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.privacy.PersonalDataScan;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.chromium.ChromiumOptions;
import jp.madoguchi.video.chromium.ChromiumVideoSession;
import jp.madoguchi.video.fx.VideoMessages;
import jp.madoguchi.video.fx.VideoText;
import jp.madoguchi.video.loopback.LoopbackMeet;
import jp.madoguchi.video.testing.Poll;
import jp.madoguchi.video.testing.WatchedChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 9's privacy scan after a full demo journey with a real video call: a booth on a headless screen, a real
 * headquarters in demo mode whose Jitsi domain is a {@link LoopbackMeet} that checks its room tokens, the booth's
 * call in a real {@link ChromiumVideoSession} (headless Chromium, synthetic camera and microphone) and the clerk in a
 * second one. The resident applies for a 住民票, the clerk answers, admits the booth, shows a text holding the
 * resident's name, address, birth date and individual number on the booth's screen, decides, and ends the call; the
 * resident takes the receipt and the card.
 *
 * <p>Mid-call, the browser's live profile holds none of it (the browser is never given the resident's data). Then:
 * the browser's profile and the XDG config and cache folders it was given are gone as soon as the call has
 * ended, and no process of it runs; and none of the persona's data (nor the clerk's text), in any encoding
 * {@link PersonalDataScan} knows, is in the booth's database, WAL or shm, the test log (the booth's, and
 * headquarters' too, as it runs in this JVM), the files created in the temp folder, the booth's own folder, what is
 * left of any profile, or the files that changed under {@code ~/.config/chromium} and {@code ~/.cache}. The
 * application that waited in the outbox was encrypted, and is delivered, so gone. Counts are logged ("privacy: …").
 */
class JourneyWithVideoPrivacyFxIT {
    private static final Logger LOG = LoggerFactory.getLogger(JourneyWithVideoPrivacyFxIT.class);
    private static final Path TEST_LOG = Path.of("target", "kiosk-app-test.log");

    @TempDir
    Path dir;

    @Test
    void afterAJourneyWithARealVideoCallNoPersonalDataIsLeftAnywhereTheBoothOrItsBrowserWrote() throws Exception {
        long began = System.nanoTime();
        Instant start = Instant.now().minusSeconds(1);
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> homeFolders = List.of(home.resolve(".config").resolve("chromium"), home.resolve(".cache"));
        Map<Path, String> homeBefore = snapshot(homeFolders);
        Persona persona = Personas.builtIn("default");
        String shown = persona.name() + "様の住所は" + persona.address() + "、生年月日は"
                + Wareki.format(persona.birthDate()) + "、個人番号は" + persona.individualNumber() + "で確認しました";
        PersonalDataScan scan = PersonalDataScan.of(persona).with("what the clerk showed", shown);
        Path boothDir = Files.createDirectories(dir.resolve("booth"));
        WatchedChromium browsers = new WatchedChromium(Files.createDirectories(dir.resolve("browser")));
        List<Path> xdgFolders = new ArrayList<>();
        PersonalDataScan.Result whileOpen;
        PersonalDataScan.Result liveProfile;

        BoothUnderTest.startToolkit();
        int meetPort = freePort();
        try (DemoHeadquarters hq = DemoHeadquarters.start("127.0.0.1:" + meetPort);
             LoopbackMeet meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withPort(meetPort)
                     .withAppSecret(hq.jitsiAppSecret()));
             ChromiumVideoSession clerkVideo = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia())) {
            List<VideoEvent> clerkEvents = new CopyOnWriteArrayList<>();
            clerkVideo.addListener(clerkEvents::add);
            try (BoothUnderTest booth = BoothUnderTest.open(hq, boothDir, () -> new ChromiumVideoSession(
                    ChromiumOptions.headlessWithFakeMedia().withExecutable(browsers.executable())))) {
                String hqReference = booth.applyUpToTheCall(BoothLanguage.JAPANESE, persona.id());

                ClerkClient clerk = hq.clerk();
                AnsweredCall answered = BoothUnderTest.answerCallFor(clerk, hqReference);
                clerkVideo.join(JoinRequest.forDomain(answered.jitsiDomain(), answered.room(), answered.jwt(),
                        "窓口職員", Locale.JAPANESE, CallRole.CLERK));
                VideoEvent.Knocking knock = booth.await("the booth knocking at the clerk's lobby", () -> clerkEvents
                        .stream().filter(e -> e instanceof VideoEvent.Knocking k
                                && k.displayName().equals(BoothUnderTest.DISPLAY_NAME))
                        .map(VideoEvent.Knocking.class::cast).findFirst().orElse(null));
                clerkVideo.admit(knock.participantId());
                Poll.until(BoothUnderTest.WAIT, () -> booth.videoSession.status().state() == VideoState.IN_CALL,
                        () -> "booth " + booth.videoSession.status());
                booth.awaitText(VideoMessages.of(Locale.JAPANESE).text(VideoText.STATE_IN_CALL));
                Poll.until(BoothUnderTest.WAIT, () -> meet.firstRemoteVideoFrameNanos(answered.room(),
                        BoothUnderTest.DISPLAY_NAME).isPresent(), () -> "the booth shows no video of the clerk");

                // the browser of this call, its profile and the XDG folders it was given, while they exist
                List<Path> profiles = browsers.profiles();
                assertEquals(1, profiles.size(), "one browser for the call: " + profiles);
                Path profile = profiles.get(0);
                assertTrue(Files.isDirectory(profile), "the call's profile exists during the call");
                xdgFolders.add(profile.resolve("config"));
                xdgFolders.add(profile.resolve("cache"));
                assertTrue(Files.isDirectory(profile.resolve("config").resolve("chromium")),
                        "Chromium writes its config (crash reports) into the call's own XDG folder");

                clerk.show(answered.callId(), new ShowOnBooth(shown, "", ""));
                booth.awaitText(shown);
                // the live profile, mid-call: the browser is never given the resident's data
                liveProfile = scan.assertNoneIn(List.of(profile));
                assertTrue(liveProfile.files() > 10, "the live profile was scanned: " + liveProfile.files());
                String decision = "住民票の写しを1通お渡しします。";
                clerk.decide(new DecisionRequest(hqReference, Outcome.ACCEPTED, decision));
                booth.awaitText(decision);
                clerkVideo.endForEveryone();

                booth.awaitScreen("receipt");
                // at the call's end, before the session ends: nothing of the browser is left
                Poll.until(BoothUnderTest.WAIT, () -> browsers.profilesLeft().isEmpty()
                                && browsers.runningProcesses().isEmpty(),
                        () -> "left after the call: profiles " + browsers.profilesLeft() + ", processes "
                                + browsers.runningProcesses());
                for (Path xdg : xdgFolders) {
                    assertFalse(Files.exists(xdg), xdg + " is deleted with the profile");
                }
                assertFalse(booth.shownTexts().contains(shown), "what the clerk showed went with the call");
                // the clerk's desk is not the booth: its session (whose threads have the booth's names) goes now
                clerkVideo.close();

                booth.touch("#receipt-done");
                booth.awaitScreen("take_card");
                booth.removeCard();
                booth.awaitScreen("attract");
                booth.journey.awaitStoreWrites(BoothUnderTest.WAIT);
                assertEquals(0, booth.store.outbox().size(), "delivered: nothing waits in the outbox");
                assertEquals(1, hq.storedApplications(), "headquarters has the application, once");

                // the store while the booth runs: database, WAL and shared memory
                whileOpen = scan.assertNoneIn(List.of(boothDir.resolve("booth.db"), boothDir.resolve("booth.db-wal"),
                        boothDir.resolve("booth.db-shm")));
                assertTrue(whileOpen.files() >= 2, "the database and its WAL were scanned: " + whileOpen);
            }
        }
        assertEquals(List.of(), browsers.runningProcesses(), "no browser process is left");

        // after: everything the booth and its browser may have written
        assertTrue(Files.size(TEST_LOG) > 0, "the test log is written");
        List<Path> homeChanged = changedSince(homeBefore, homeFolders);
        List<Path> leftOfBrowser = new ArrayList<>(browsers.profiles());
        leftOfBrowser.addAll(xdgFolders);
        Map<String, List<Path>> places = new java.util.LinkedHashMap<>();
        places.put("the booth's folder (database, WAL, key)", List.of(boothDir));
        places.put("the test log", List.of(TEST_LOG));
        places.put("files created in the temp folder", PersonalDataScan.filesCreatedSince(
                Path.of(System.getProperty("java.io.tmpdir")), start));
        places.put("what is left of the browser's profile and XDG folders", leftOfBrowser);
        places.put("changed files under ~/.config/chromium and ~/.cache", homeChanged);
        PersonalDataScan.Result scanned = new PersonalDataScan.Result(0, 0, List.of());
        for (Map.Entry<String, List<Path>> place : places.entrySet()) {
            PersonalDataScan.Result result = scan.scan(place.getValue());
            LOG.info("privacy: {}: {} files, {} bytes", place.getKey(), result.files(), result.bytes());
            scanned = scanned.plus(result);
        }
        assertEquals(List.of(), scanned.findings(), "personal data left after the journey");
        LOG.info("privacy: after a journey with a real call ({} s): {} files, {} bytes scanned after the booth closed,"
                        + " {} files, {} bytes of the store while it ran, {} files, {} bytes of the live profile mid-call;"
                        + " {} profile(s) used, none left", (System.nanoTime() - began) / 1_000_000_000, scanned.files(),
                scanned.bytes(), whileOpen.files(), whileOpen.bytes(), liveProfile.files(), liveProfile.bytes(),
                browsers.profiles().size());

        // the scan itself can fail: the clerk's text in Shift_JIS, in a file in the booth's folder, is caught
        Path canary = Files.write(boothDir.resolve("canary.txt"), shown.getBytes(Charset.forName("windows-31j")));
        assertThrows(AssertionError.class, () -> scan.assertNoneIn(List.of(boothDir)));
        Files.delete(canary);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Every regular file under {@code folders} with its size and modification time. */
    private static Map<Path, String> snapshot(List<Path> folders) throws IOException {
        Map<Path, String> files = new HashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.put(file, attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return files;
    }

    /** The files under {@code folders} that are new or changed since {@code before}. */
    private static List<Path> changedSince(Map<Path, String> before, List<Path> folders) throws IOException {
        List<Path> changed = new ArrayList<>();
        snapshot(folders).forEach((file, stamp) -> {
            if (!stamp.equals(before.get(file))) {
                changed.add(file);
            }
        });
        return changed;
    }
}

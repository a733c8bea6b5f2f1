package jp.madoguchi.kiosk.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.vpcd.VpcdClient;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.pcsc.PrivatePcscd;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.JourneyView.CallPhase;
import jp.madoguchi.kiosk.session.JourneyStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth over the real PC/SC stack (jnasmartcardio → libpcsclite → a private pcscd → vpcd → the emulated card
 * served by {@link VpcdClient}), with pcscd killed (SIGKILL, as a crash) in the middle of a session and started
 * again (issue 9): the booth notices, recovers the reader without a program restart, asks for the card again and
 * the resident finishes. Prints the time from pcscd being back to the booth noticing the card, and to the PIN pad.
 * Needs root and the packages of scripts/install-system-deps.sh; fails, never skips, without them.
 */
class BoothPcscdRestartIT {
    @TempDir
    Path dir;
    private PrivatePcscd pcscd;
    private VpcdClient client;
    private JourneyHarness booth;

    @BeforeEach
    void start() throws Exception {
        pcscd = PrivatePcscd.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (booth != null) {
            booth.close();
        }
        if (client != null) {
            client.close();
        }
        pcscd.closeAndAssertHealthy();
    }

    @Test
    void pcscdKilledAtTheQuestionsThenBackTheBoothRecoversAndTheResidentFinishes() throws Exception {
        EmulatedMyNumberCard card = JourneyHarness.card("default");
        client = new VpcdClient("127.0.0.1", pcscd.port(), card, true);
        client.start();
        Readers readers = Readers.pcsc();
        PrivatePcscd.awaitPresence(readers, PrivatePcscd.FIRST_READER, true, Duration.ofSeconds(10));
        booth = new JourneyHarness(dir, readers, PrivatePcscd.FIRST_READER);

        booth.journey.chooseLanguage(BoothLanguage.JAPANESE);
        booth.journey.chooseProcedure("juminhyo");
        booth.await("the PIN pad", v -> v.step() == JourneyStep.PIN && v.secret().map(s -> s.padShown()).orElse(false)
                && v.busyKey().isEmpty());
        booth.typeAndSubmit(card.persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY && v.identity().isPresent());
        booth.journey.confirmIdentity(true);

        long killed = System.nanoTime();
        pcscd.killNow();
        JourneyView down = booth.await("the reader is down", v -> v.card() == CardPrompt.PCSC_UNAVAILABLE
                && v.step() == JourneyStep.PLACE_CARD);
        long noticedDown = (System.nanoTime() - killed) / 1_000_000;
        assertEquals(Optional.of(JourneyText.PROBLEM_READER_RESTARTED), down.problemKey());
        assertEquals(Optional.empty(), down.lastEnd(), "the session goes on");

        pcscd.startAgain(); // returns once pcscd lists the reader
        long back = System.nanoTime();
        booth.await("the card noticed again", v -> v.card() == CardPrompt.READING || v.step() == JourneyStep.PIN);
        long noticedCard = (System.nanoTime() - back) / 1_000_000;
        booth.await("the PIN pad again", v -> v.step() == JourneyStep.PIN && v.secret().map(s -> s.padShown())
                .orElse(false) && v.busyKey().isEmpty());
        long padShown = (System.nanoTime() - back) / 1_000_000;
        System.out.printf("real pcscd killed: booth showed 'reader down' after %d ms; pcscd back: card noticed after %d ms,"
                + " PIN pad after %d ms%n", noticedDown, noticedCard, padShown);

        booth.typeAndSubmit(card.persona().textPin());
        booth.await("Is this you?", v -> v.step() == JourneyStep.CONFIRM_IDENTITY && v.identity().isPresent());
        booth.toSignature();
        booth.typeAndSubmit(card.persona().signaturePassword());
        booth.await("queued", v -> v.call().map(c -> c.phase() == CallPhase.QUEUED).orElse(false));
        assertEquals(1, booth.hq.deliveries().size());
        assertEquals(3, card.triesLeft(PinKind.TEXT));
        assertEquals(5, card.triesLeft(PinKind.SIGNATURE));
        assertTrue(client.connectionCount() >= 2, "the emulator dialled the new pcscd's vpcd");
    }
}

package jp.madoguchi.kiosk.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.kiosk.card.CardSlotEvent.Kind;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.pin.PinSession;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.kiosk.session.ResidentSession;
import jp.madoguchi.kiosk.session.SessionEnd;
import jp.madoguchi.kiosk.session.SessionListener;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slot, bridge, a real session (real SQLite store) and PIN entry over an emulated card: what removal ends. */
class CardSessionBridgeTest {
    private static final String READER = CardSlotTest.READER;

    @TempDir
    Path dir;
    private BoothKey key;
    private BoothStore store;
    private final EmulatedTerminals terminals = new EmulatedTerminals();
    private final SlotRecorder recorder = new SlotRecorder();
    private CardSessionBridge bridge;
    private CardSlot slot;

    @BeforeEach
    void open() throws Exception {
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        store = BoothStore.open(dir.resolve("booth.db"), key);
        terminals.attachReader(READER);
        bridge = new CardSessionBridge(recorder);
        slot = CardSlot.start(new Readers(terminals.factory()), Optional.of(READER), recorder.executor, bridge);
        recorder.next(Kind.READER_READY);
    }

    @AfterEach
    void close() {
        slot.close();
        recorder.close();
        store.close();
        key.close();
    }

    private ResidentSession sessionAtPlaceCard() {
        ResidentSession session = ResidentSession.start(store.audit());
        session.moveTo(JourneyStep.LANGUAGE);
        session.chooseLanguage("ja");
        session.moveTo(JourneyStep.PROCEDURE);
        session.chooseProcedure("juminhyo");
        session.moveTo(JourneyStep.PLACE_CARD);
        return session;
    }

    private static List<SessionEnd> endsOf(ResidentSession session) {
        List<SessionEnd> ends = new ArrayList<>();
        session.addListener(new SessionListener() {
            @Override
            public void sessionEnded(ResidentSession ended, SessionEnd end) {
                ends.add(end);
            }
        });
        return ends;
    }

    @Test
    void removingTheCardMidSessionEndsItAndWipesThePinEntry() throws Exception {
        ResidentSession session = sessionAtPlaceCard();
        List<SessionEnd> ends = endsOf(session);
        PinSession pin = new PinSession();
        bridge.follow(session, pin);
        terminals.insert(READER, CardSlotTest.card("default"));
        CardSlotEvent read = recorder.next(Kind.PIN_TRIES_READ);

        // on the "FX thread", as the screens would: show the pad with the count and type two digits
        PinScreen screen = recorder.executor.submit(() -> {
            session.moveTo(JourneyStep.PIN);
            PinScreen shown = pin.begin(PinKind.AUTHENTICATION, read.pinStatus().orElseThrow());
            SecretEntry entry = pin.entry().orElseThrow();
            entry.append('1');
            entry.append('2');
            return shown;
        }).get();
        assertEquals(3, screen.triesLeft());

        terminals.remove(READER);
        recorder.next(Kind.CARD_REMOVED);

        assertTrue(session.isEnded());
        assertEquals(List.of(EndCause.CARD_REMOVED), ends.stream().map(SessionEnd::cause).toList());
        assertEquals(JourneyStep.PIN, ends.get(0).endedAt());
        assertTrue(pin.isEnded());
        assertTrue(pin.entry().isEmpty(), "the typed digits are gone");
    }

    @Test
    void takingTheCardAtTheEndCompletesTheSession() throws Exception {
        ResidentSession session = sessionAtPlaceCard();
        List<SessionEnd> ends = endsOf(session);
        bridge.follow(session, null);
        terminals.insert(READER, CardSlotTest.card("default"));
        recorder.next(Kind.PIN_TRIES_READ);
        for (JourneyStep step : List.of(JourneyStep.PIN, JourneyStep.CONFIRM_IDENTITY, JourneyStep.QUESTIONS,
                JourneyStep.REVIEW, JourneyStep.SIGNATURE, JourneyStep.CALL, JourneyStep.RECEIPT,
                JourneyStep.TAKE_CARD)) {
            session.moveTo(step);
        }

        terminals.remove(READER);
        recorder.next(Kind.CARD_REMOVED);

        assertEquals(List.of(EndCause.COMPLETED), ends.stream().map(SessionEnd::cause).toList());
        assertEquals(JourneyStep.TAKE_CARD, ends.get(0).endedAt());
    }

    @Test
    void aCardTakenBackBeforeThePinPadEndsNothing() throws Exception {
        ResidentSession session = sessionAtPlaceCard();
        bridge.follow(session, new PinSession());
        terminals.insert(READER, CardSlotTest.card("default"));
        recorder.next(Kind.PIN_TRIES_READ);

        terminals.remove(READER);
        recorder.next(Kind.CARD_REMOVED);

        assertFalse(session.isEnded());
        assertEquals(JourneyStep.PLACE_CARD, session.step());
        session.end(EndCause.CANCELLED);
    }

    @Test
    void aSessionEndedOtherwiseIsLeftAlone() throws Exception {
        ResidentSession session = sessionAtPlaceCard();
        List<SessionEnd> ends = endsOf(session);
        bridge.follow(session, null);
        terminals.insert(READER, CardSlotTest.card("default"));
        recorder.next(Kind.PIN_TRIES_READ);
        session.moveTo(JourneyStep.PIN);
        session.end(EndCause.INACTIVITY);

        terminals.remove(READER);
        recorder.next(Kind.CARD_REMOVED);

        assertEquals(List.of(EndCause.INACTIVITY), ends.stream().map(SessionEnd::cause).toList());
    }
}

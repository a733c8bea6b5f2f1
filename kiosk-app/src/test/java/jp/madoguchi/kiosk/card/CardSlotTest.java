package jp.madoguchi.kiosk.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.VirtualCard;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.kiosk.card.CardSlotEvent.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The slot over card-reader's in-process emulated readers and cards: no pcscd, real watcher and card service. */
class CardSlotTest {
    static final String READER = "Emulated Reader 0";

    private final EmulatedTerminals terminals = new EmulatedTerminals();
    private final SlotRecorder recorder = new SlotRecorder();
    private CardSlot slot;

    @AfterEach
    void stop() {
        if (slot != null) {
            slot.close();
        }
        recorder.close();
    }

    static EmulatedMyNumberCard card(String persona) {
        return EmulatedCards.create(Personas.builtIn(persona), TestAuthority.shared());
    }

    private CardSlot start(Optional<String> configured) {
        slot = CardSlot.start(new Readers(terminals.factory()), configured, recorder.executor, recorder);
        return slot;
    }

    private CardSlotEvent insertAndRead(String persona) throws Exception {
        terminals.attachReader(READER);
        start(Optional.of(READER));
        assertEquals(READER, recorder.next(Kind.READER_READY).readerName().orElseThrow());
        terminals.insert(READER, card(persona));
        recorder.next(Kind.CARD_INSERTED);
        return recorder.next(Kind.PIN_TRIES_READ);
    }

    @Test
    void aPlacedCardIsNoticedAndItsTriesLeftReadWithoutSpendingOne() throws Exception {
        EmulatedMyNumberCard card = card("default");
        terminals.attachReader(READER);
        start(Optional.of(READER));
        recorder.next(Kind.READER_READY);
        terminals.insert(READER, card);

        CardSlotEvent inserted = recorder.next(Kind.CARD_INSERTED);
        assertEquals("card.reading", inserted.residentKey());
        CardSlotEvent read = recorder.next(Kind.PIN_TRIES_READ);
        assertEquals(Optional.of(new PinStatus.TriesLeft(3)), read.pinStatus());
        assertEquals(3, card.triesLeft(PinKind.AUTHENTICATION), "reading the tries spent none");
    }

    @Test
    void aCardOnItsLastTryReportsOne() throws Exception {
        assertEquals(Optional.of(new PinStatus.TriesLeft(1)), insertAndRead("pin-one-try").pinStatus());
    }

    @Test
    void aBlockedCardReportsBlocked() throws Exception {
        assertEquals(Optional.of(new PinStatus.Blocked()), insertAndRead("pin-blocked").pinStatus());
    }

    @Test
    void aCardAlreadyInTheReaderAtStartIsReported() throws Exception {
        terminals.insert(READER, card("default"));
        start(Optional.empty());
        assertEquals(READER, recorder.next(Kind.READER_READY).readerName().orElseThrow());
        recorder.next(Kind.CARD_INSERTED);
        assertEquals(Optional.of(new PinStatus.TriesLeft(3)), recorder.next(Kind.PIN_TRIES_READ).pinStatus());
    }

    @Test
    void anotherKindOfCardIsATypedPlainError() throws Exception {
        terminals.attachReader(READER);
        start(Optional.of(READER));
        recorder.next(Kind.READER_READY);
        terminals.insert(READER, new NotAMyNumberCard());

        recorder.next(Kind.CARD_INSERTED);
        CardSlotEvent failed = recorder.next(Kind.CARD_UNREADABLE);
        assertEquals(Optional.of(CardReadError.NOT_A_MY_NUMBER_CARD), failed.readError());
        assertEquals("card.not_my_number", failed.residentKey());
        assertTrue(failed.pinStatus().isEmpty());
    }

    @Test
    void takingTheCardOutIsReported() throws Exception {
        insertAndRead("default");
        terminals.remove(READER);
        CardSlotEvent removed = recorder.next(Kind.CARD_REMOVED);
        assertEquals("card.removed", removed.residentKey());
    }

    @Test
    void noReaderAtAllIsReportedThenItsArrival() throws Exception {
        start(Optional.empty());
        CardSlotEvent missing = recorder.next(Kind.READER_MISSING);
        assertEquals("card.reader_missing", missing.residentKey());
        terminals.attachReader(READER);
        assertEquals(READER, recorder.next(Kind.READER_READY).readerName().orElseThrow());
        terminals.detachReader(READER);
        recorder.next(Kind.READER_MISSING);
    }

    @Test
    void theConfiguredReaderMissingIsReportedEvenWithAnotherOnePresent() throws Exception {
        terminals.attachReader("Some Other Reader");
        start(Optional.of(READER));
        assertEquals(Optional.of(READER), recorder.next(Kind.READER_MISSING).readerName());
        terminals.insert("Some Other Reader", card("default"));
        terminals.attachReader(READER);
        recorder.next(Kind.READER_READY);
        recorder.drain();
        assertFalse(recorder.events.stream().anyMatch(event -> event.kind() == Kind.CARD_INSERTED),
                "a card in another reader is not the booth's: " + recorder.events);
    }

    @Test
    void pcscdStoppingIsSaidPlainlyAndItsReturnToo() throws Exception {
        terminals.attachReader(READER);
        start(Optional.of(READER));
        recorder.next(Kind.READER_READY);

        terminals.stopService();
        CardSlotEvent down = recorder.next(Kind.PCSC_UNAVAILABLE);
        assertEquals("card.service_down", down.residentKey());
        assertEquals("card.staff.pcscd_down", down.staffKey());
        assertFalse(down.detail().isEmpty(), "the technical reason is kept for IT staff");

        terminals.startService();
        recorder.next(Kind.PCSC_BACK);
        recorder.next(Kind.READER_READY);
    }

    @Test
    void aCardLeftInTheReaderWhilePcscdRestartsIsNotReportedRemovedAndIsReadAgainAfterwards() throws Exception {
        EmulatedMyNumberCard card = card("default");
        terminals.attachReader(READER);
        start(Optional.of(READER));
        recorder.next(Kind.READER_READY);
        terminals.insert(READER, card);
        recorder.next(Kind.CARD_INSERTED);
        recorder.next(Kind.PIN_TRIES_READ);

        terminals.stopService();
        recorder.next(Kind.PCSC_UNAVAILABLE);
        terminals.startService();
        recorder.next(Kind.PCSC_BACK);
        recorder.next(Kind.CARD_INSERTED);
        CardSlotEvent read = recorder.next(Kind.PIN_TRIES_READ);
        assertEquals(Optional.of(new PinStatus.TriesLeft(3)), read.pinStatus());
        recorder.drain();
        assertFalse(recorder.events.stream().anyMatch(event -> event.kind() == Kind.CARD_REMOVED),
                "a service restart is not a removal (the session must not end as if the resident took the card): "
                        + recorder.events);

        terminals.remove(READER);
        recorder.next(Kind.CARD_REMOVED);
    }

    @Test
    void aCardThatDoesNotAnswerTheTriesLeftIsUnreadableAtTheDeadline() throws Exception {
        terminals.attachReader(READER);
        slot = CardSlot.start(new Readers(terminals.factory()), Optional.of(READER), java.time.Duration.ofMillis(500),
                recorder.executor, recorder);
        recorder.next(Kind.READER_READY);
        jp.madoguchi.card.emulator.FaultyCard silent = new jp.madoguchi.card.emulator.FaultyCard(card("default"),
                jp.madoguchi.card.emulator.FaultPlan.builder()
                        .hang(jp.madoguchi.card.emulator.FaultPlan.Trigger.atApdu(1)).build());
        long start = System.nanoTime();
        terminals.insert(READER, silent);
        recorder.next(Kind.CARD_INSERTED);
        CardSlotEvent unreadable = recorder.next(Kind.CARD_UNREADABLE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("card.unreadable", unreadable.residentKey());
        assertTrue(unreadable.detail().startsWith("NO_ANSWER"), unreadable.detail());
        assertTrue(millis < 10_000, "told before the stuck connection is closed: " + millis + " ms");
        terminals.remove(READER);
        recorder.next(Kind.CARD_REMOVED);
    }

    @Test
    void everyCallbackArrivesOnTheGivenExecutorNeverOnTheReaderThread() throws Exception {
        insertAndRead("default");
        terminals.remove(READER);
        recorder.next(Kind.CARD_REMOVED);
        recorder.drain();
        assertTrue(recorder.threads.size() >= 4, recorder.events.toString());
        assertEquals(List.of(SlotRecorder.THREAD_NAME), recorder.threads.stream().distinct().toList());
    }

    @Test
    void noEventsAfterClose() throws Exception {
        terminals.attachReader(READER);
        start(Optional.of(READER));
        recorder.next(Kind.READER_READY);
        slot.close();
        int before = recorder.events.size();
        terminals.insert(READER, card("default"));
        Thread.sleep(300);
        recorder.drain();
        assertEquals(before, recorder.events.size(), recorder.events.toString());
    }

    /** A card without the JPKI application (a transit card, say): every SELECT answers 6A82. */
    static final class NotAMyNumberCard implements VirtualCard {
        @Override
        public byte[] transmit(byte[] command) {
            return new byte[] {0x6A, (byte) 0x82};
        }

        @Override
        public byte[] atr() {
            return new byte[] {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};
        }

        @Override
        public void powerOn() {
        }

        @Override
        public void powerOff() {
        }

        @Override
        public void reset() {
        }
    }
}

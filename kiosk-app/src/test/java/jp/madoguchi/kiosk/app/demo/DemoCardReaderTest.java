package jp.madoguchi.kiosk.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.kiosk.card.CardSlot;
import jp.madoguchi.kiosk.card.CardSlotEvent;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo reader puts emulated cards where the booth's card slot sees them, as a hand puts a card on a reader. */
class DemoCardReaderTest {
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(20);

    private final EmulatedTerminals terminals = new EmulatedTerminals();
    private final DemoCardReader reader = new DemoCardReader(terminals, TestAuthority.shared());
    private final List<CardSlotEvent> events = new CopyOnWriteArrayList<>();
    private CardSlot slot;

    @AfterEach
    void close() {
        if (slot != null) {
            slot.close();
        }
        reader.close();
    }

    @Test
    void theDemoReaderIsThereEmptyFromTheStart() {
        assertEquals(List.of(DemoCardReader.READER_NAME), terminals.readerNames());
        assertFalse(reader.cardPresent());
        assertEquals(Optional.empty(), reader.insertedPersona());
    }

    @Test
    void insertingAndRemovingIsSeenByTheBoothsCardSlot() {
        slot = CardSlot.start(new Readers(terminals.factory()), Optional.of(DemoCardReader.READER_NAME), Runnable::run,
                events::add);
        Poll.until(WAIT, () -> has(CardSlotEvent.Kind.READER_READY), events::toString);

        reader.insert("default");
        assertTrue(terminals.isCardPresent(DemoCardReader.READER_NAME));
        assertEquals(Optional.of("default"), reader.insertedPersona());
        Poll.until(WAIT, () -> has(CardSlotEvent.Kind.PIN_TRIES_READ), events::toString);

        reader.remove();
        assertFalse(terminals.isCardPresent(DemoCardReader.READER_NAME));
        assertEquals(Optional.empty(), reader.insertedPersona());
        Poll.until(WAIT, () -> has(CardSlotEvent.Kind.CARD_REMOVED), events::toString);
    }

    @Test
    void eachPersonaIsItsOwnCardWithItsOwnPinState() {
        slot = CardSlot.start(new Readers(terminals.factory()), Optional.of(DemoCardReader.READER_NAME), Runnable::run,
                events::add);
        reader.insert("pin-one-try");
        Poll.until(WAIT, () -> has(CardSlotEvent.Kind.PIN_TRIES_READ), events::toString);
        CardSlotEvent read = events.stream().filter(e -> e.kind() == CardSlotEvent.Kind.PIN_TRIES_READ).findFirst()
                .orElseThrow();
        assertEquals(new PinStatus.TriesLeft(1), read.pinStatus().orElseThrow(), "the card in the reader is pin-one-try's");
    }

    @Test
    void aSecondCardCannotGoIntoAnOccupiedReader() {
        reader.insert("default");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.insert("gaiji"));
        assertEquals("a card is already in Madoguchi Demo Reader", e.getMessage());
        assertEquals(Optional.of("default"), reader.insertedPersona());
    }

    @Test
    void anUnknownPersonaIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> reader.insert("nobody"));
        assertFalse(reader.cardPresent());
    }

    @Test
    void listsEveryBuiltInPersonaWithItsSecrets() {
        assertEquals(Personas.builtInIds(), reader.personas().stream().map(DemoPersona::id).toList());
        DemoPersona byDefault = reader.persona("default").orElseThrow();
        assertEquals("1234", byDefault.pinsShown());
        assertEquals("ABC123", byDefault.signaturePassword());
        assertEquals("DemoPersona[default]", byDefault.toString(), "secrets never in toString");
    }

    @Test
    void closingTakesTheCardOutAndUnplugsTheReader() {
        reader.insert("default");
        reader.close();
        assertEquals(List.of(), terminals.readerNames());
        assertThrows(IllegalStateException.class, () -> reader.insert("default"));
    }

    private boolean has(CardSlotEvent.Kind kind) {
        return events.stream().anyMatch(e -> e.kind() == kind);
    }
}

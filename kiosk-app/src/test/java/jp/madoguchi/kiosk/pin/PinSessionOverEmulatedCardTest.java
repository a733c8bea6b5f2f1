package jp.madoguchi.kiosk.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.madoguchi.card.CardException;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.pin.PinScreen.Mode;
import org.junit.jupiter.api.Test;

/** The session against card-reader's in-process emulated card: the card's own counters prove no try is wasted. */
class PinSessionOverEmulatedCardTest {

    private static EmulatedMyNumberCard emulated(String persona) {
        EmulatedMyNumberCard card = EmulatedCards.create(Personas.builtIn(persona), TestAuthority.shared());
        card.powerOn();
        return card;
    }

    /** One press of "OK": whatever the session accepts goes to the card once, and is wiped after. */
    private static PinScreen pressOk(PinSession session, MyNumberCard card, PinKind kind) throws CardException {
        SubmitDecision decision = session.submit(kind);
        if (decision instanceof SubmitDecision.Refused) {
            return session.screen().orElseThrow();
        }
        try (PinSubmission submission = ((SubmitDecision.Accepted) decision).submission()) {
            return session.answer(card.verify(submission.kind(), submission.pin()));
        }
    }

    private static void type(PinSession session, String keys) {
        Secrets.type(session.entry().orElseThrow(), keys);
    }

    @Test
    void aWrongPinThenTheRightOne() throws CardException {
        EmulatedMyNumberCard emulated = emulated("default");
        MyNumberCard card = new MyNumberCard(emulated::transmit);
        PinSession session = new PinSession();

        PinScreen screen = session.begin(PinKind.AUTHENTICATION, card.pinStatus(PinKind.AUTHENTICATION));
        assertEquals(Mode.ENTRY, screen.mode());
        assertEquals(3, screen.triesLeft());
        assertEquals(3, emulated.triesLeft(PinKind.AUTHENTICATION), "reading the tries spent none");

        type(session, "0000");
        assertEquals(Mode.ENTRY, pressOk(session, card, PinKind.AUTHENTICATION).mode());
        assertEquals(2, emulated.triesLeft(PinKind.AUTHENTICATION));
        pressOk(session, card, PinKind.AUTHENTICATION);
        assertEquals(2, emulated.triesLeft(PinKind.AUTHENTICATION), "OK without typing again sent nothing");

        type(session, emulated.persona().secret(PinKind.AUTHENTICATION));
        assertEquals(Mode.VERIFIED, pressOk(session, card, PinKind.AUTHENTICATION).mode());
        assertTrue(card.isVerified(PinKind.AUTHENTICATION));
        assertEquals(3, emulated.triesLeft(PinKind.AUTHENTICATION));
    }

    @Test
    void oneTryLeftIsWarnedAndAMistakeBlocksTheCard() throws CardException {
        EmulatedMyNumberCard emulated = emulated("pin-one-try");
        MyNumberCard card = new MyNumberCard(emulated::transmit);
        PinSession session = new PinSession();

        PinScreen screen = session.begin(PinKind.TEXT, card.pinStatus(PinKind.TEXT));
        assertEquals(Mode.LAST_TRY, screen.mode());
        assertTrue(screen.offersClerk());
        type(session, "12");
        assertEquals(Mode.LAST_TRY, pressOk(session, card, PinKind.TEXT).mode());
        assertEquals(1, emulated.triesLeft(PinKind.TEXT), "an incomplete PIN spent nothing");

        type(session, "99");
        PinScreen blocked = pressOk(session, card, PinKind.TEXT);
        assertEquals(Mode.BLOCKED, blocked.mode());
        assertEquals("pin.blocked.explain", blocked.messageKeys().get(0));
        assertEquals(0, emulated.triesLeft(PinKind.TEXT));
    }

    @Test
    void aBlockedCardShowsNoPad() throws CardException {
        EmulatedMyNumberCard emulated = emulated("pin-blocked");
        MyNumberCard card = new MyNumberCard(emulated::transmit);
        PinSession session = new PinSession();
        PinScreen screen = session.begin(PinKind.AUTHENTICATION, card.pinStatus(PinKind.AUTHENTICATION));
        assertEquals(Mode.BLOCKED, screen.mode());
        assertTrue(session.entry().isEmpty());
        assertInstanceOf(SubmitDecision.Refused.class, session.submit(PinKind.AUTHENTICATION));
    }

    @Test
    void theSignaturePasswordTypedInLowerCaseIsAccepted() throws CardException {
        EmulatedMyNumberCard emulated = emulated("default");
        MyNumberCard card = new MyNumberCard(emulated::transmit);
        PinSession session = new PinSession();
        session.begin(PinKind.SIGNATURE, card.pinStatus(PinKind.SIGNATURE));
        type(session, emulated.persona().secret(PinKind.SIGNATURE).toLowerCase());
        assertEquals(Mode.VERIFIED, pressOk(session, card, PinKind.SIGNATURE).mode());
        assertEquals(5, emulated.triesLeft(PinKind.SIGNATURE));
    }
}

package jp.madoguchi.kiosk.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.kiosk.pin.PinScreen.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinAttemptPolicyTest {

    @ParameterizedTest
    @ValueSource(ints = {3, 2})
    void twoOrMoreTriesLeftShowThePadWithTheCount(int tries) {
        PinScreen screen = PinAttemptPolicy.beforeEntry(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(tries));
        assertEquals(Mode.ENTRY, screen.mode());
        assertEquals(tries, screen.triesLeft());
        assertTrue(screen.padShown());
        assertFalse(screen.warnsLastTry());
        assertFalse(screen.offersClerk());
        assertEquals(List.of(PinMessage.of("pin.prompt.tries_left", tries, 3)), screen.messages());
    }

    @Test
    void oneTryLeftWarnsAndOffersAClerkButStillShowsThePad() {
        PinScreen screen = PinAttemptPolicy.beforeEntry(PinKind.AUTHENTICATION, new PinStatus.TriesLeft(1));
        assertEquals(Mode.LAST_TRY, screen.mode());
        assertEquals(1, screen.triesLeft());
        assertTrue(screen.padShown());
        assertTrue(screen.warnsLastTry());
        assertTrue(screen.offersClerk());
        assertEquals(List.of(PinMessage.of("pin.prompt.tries_left", 1, 3), PinMessage.of("pin.warning.last_try"),
                PinMessage.of("pin.offer.clerk")), screen.messages());
    }

    @Test
    void blockedIsExplainedWithoutAPadAndOffersAClerk() {
        PinScreen screen = PinAttemptPolicy.beforeEntry(PinKind.AUTHENTICATION, new PinStatus.Blocked());
        assertEquals(Mode.BLOCKED, screen.mode());
        assertEquals(0, screen.triesLeft());
        assertFalse(screen.padShown());
        assertTrue(screen.offersClerk());
        assertEquals(List.of("pin.blocked.explain", "pin.offer.clerk"), screen.messageKeys());
        assertEquals(List.of(3), screen.messages().get(0).arguments());
    }

    @Test
    void zeroTriesLeftIsBlockedEvenIfReportedAsACount() {
        assertEquals(Mode.BLOCKED, PinAttemptPolicy.beforeEntry(PinKind.TEXT, new PinStatus.TriesLeft(0)).mode());
        assertEquals(Mode.BLOCKED, PinAttemptPolicy.afterAnswer(PinKind.TEXT, new PinResult.Wrong(0)).mode());
    }

    @Test
    void alreadyVerifiedNeedsNoPad() {
        PinScreen screen = PinAttemptPolicy.beforeEntry(PinKind.TEXT, new PinStatus.AlreadyVerified());
        assertEquals(Mode.VERIFIED, screen.mode());
        assertFalse(screen.padShown());
        assertEquals(PinScreen.UNKNOWN, screen.triesLeft());
    }

    @Test
    void theSignaturePasswordHasItsOwnKeysAndFiveTries() {
        PinScreen five = PinAttemptPolicy.beforeEntry(PinKind.SIGNATURE, new PinStatus.TriesLeft(5));
        assertEquals(List.of(PinMessage.of("password.prompt.tries_left", 5, 5)), five.messages());
        PinScreen last = PinAttemptPolicy.afterAnswer(PinKind.SIGNATURE, new PinResult.Wrong(1));
        assertEquals(List.of("password.error.wrong", "password.warning.last_try", "password.offer.clerk"),
                last.messageKeys());
        PinScreen blocked = PinAttemptPolicy.afterAnswer(PinKind.SIGNATURE, new PinResult.Blocked());
        assertEquals(PinMessage.of("password.blocked.explain", 5), blocked.messages().get(0));
    }

    @Test
    void wrongThenWarningThenBlocked() {
        PinScreen two = PinAttemptPolicy.afterAnswer(PinKind.AUTHENTICATION, new PinResult.Wrong(2));
        assertEquals(Mode.ENTRY, two.mode());
        assertEquals(List.of(PinMessage.of("pin.error.wrong", 2)), two.messages());
        PinScreen one = PinAttemptPolicy.afterAnswer(PinKind.AUTHENTICATION, new PinResult.Wrong(1));
        assertEquals(Mode.LAST_TRY, one.mode());
        assertEquals(List.of("pin.error.wrong", "pin.warning.last_try", "pin.offer.clerk"), one.messageKeys());
        PinScreen blocked = PinAttemptPolicy.afterAnswer(PinKind.AUTHENTICATION, new PinResult.Blocked());
        assertEquals(Mode.BLOCKED, blocked.mode());
        assertFalse(blocked.padShown());
        assertEquals(List.of("pin.blocked.explain", "pin.offer.clerk"), blocked.messageKeys());
    }

    @Test
    void verifiedHidesThePad() {
        PinScreen screen = PinAttemptPolicy.afterAnswer(PinKind.AUTHENTICATION, new PinResult.Verified());
        assertEquals(Mode.VERIFIED, screen.mode());
        assertFalse(screen.padShown());
        assertEquals(List.of("pin.verified"), screen.messageKeys());
    }
}

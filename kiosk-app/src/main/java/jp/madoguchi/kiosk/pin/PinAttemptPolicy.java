package jp.madoguchi.kiosk.pin;

import java.util.List;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.kiosk.pin.PinScreen.Mode;

/**
 * The booth's PIN policy as pure decisions (docs/decisions/0021-booth-pin-entry.md): from what the
 * card said, what the screen shows. Stateless and thread-safe; {@link PinSession} applies it.
 *
 * <ul>
 *   <li>Two or more tries left: the pad, with the tries left.
 *   <li>One try left: the pad, the warning that one more mistake locks the card until a visit to
 *       the municipal window, and an offer to call a clerk instead.
 *   <li>Blocked: explained (only the municipal window can unlock it), no pad, a clerk offered.
 *   <li>After a wrong secret: the same, from the new tries left the card reported.
 * </ul>
 *
 * <p>Message keys are {@code pin.*} for the 4-digit PINs and {@code password.*} for the signature
 * password; their arguments are the tries left and, where useful, the card's maximum.
 */
public final class PinAttemptPolicy {
    private PinAttemptPolicy() {
    }

    /** The key prefix for {@code kind}: {@code password} for the signature password, else {@code pin}. */
    public static String keyPrefix(PinKind kind) {
        return kind == PinKind.SIGNATURE ? "password" : "pin";
    }

    /** What to show once the tries left have been read (without spending one), before the pad. */
    public static PinScreen beforeEntry(PinKind kind, PinStatus status) {
        String p = keyPrefix(kind);
        if (status instanceof PinStatus.TriesLeft left && left.tries() > 0) {
            return entry(kind, left.tries(), PinMessage.of(p + ".prompt.tries_left", left.tries(), kind.maxTries()));
        }
        if (status instanceof PinStatus.AlreadyVerified) {
            return new PinScreen(kind, Mode.VERIFIED, PinScreen.UNKNOWN, List.of(PinMessage.of(p + ".already_verified")));
        }
        return blocked(kind);
    }

    /** What to show after the card answered a VERIFY with the secret the resident just typed. */
    public static PinScreen afterAnswer(PinKind kind, PinResult result) {
        String p = keyPrefix(kind);
        if (result instanceof PinResult.Verified) {
            return new PinScreen(kind, Mode.VERIFIED, kind.maxTries(), List.of(PinMessage.of(p + ".verified")));
        }
        if (result instanceof PinResult.Wrong wrong && wrong.triesLeft() > 0) {
            return entry(kind, wrong.triesLeft(), PinMessage.of(p + ".error.wrong", wrong.triesLeft()));
        }
        return blocked(kind);
    }

    private static PinScreen entry(PinKind kind, int triesLeft, PinMessage first) {
        String p = keyPrefix(kind);
        if (triesLeft == 1) {
            return new PinScreen(kind, Mode.LAST_TRY, 1, List.of(first,
                    PinMessage.of(p + ".warning.last_try"), PinMessage.of(p + ".offer.clerk")));
        }
        return new PinScreen(kind, Mode.ENTRY, triesLeft, List.of(first));
    }

    private static PinScreen blocked(PinKind kind) {
        String p = keyPrefix(kind);
        return new PinScreen(kind, Mode.BLOCKED, 0, List.of(
                PinMessage.of(p + ".blocked.explain", kind.maxTries()), PinMessage.of(p + ".offer.clerk")));
    }
}

package jp.madoguchi.card.cli;

import java.io.Console;
import java.util.Arrays;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinFormat;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;

/**
 * The PIN step every command shares: read the tries left without spending one, warn before the
 * last try, take the PIN from the option or ask without echo, check its format before the card
 * sees it, verify, and wipe it.
 */
final class PinEntry {
    /** Returned when the PIN is verified and the command may go on. */
    static final int VERIFIED = -1;

    private PinEntry() {
    }

    /**
     * @param given the option's value or null to ask; wiped here in every case
     * @return {@link #VERIFIED} or the exit code to stop with (the reason is already printed)
     */
    static int verify(MyNumberCard card, PinKind kind, char[] given, String optionName, Cli cli) throws CardException {
        char[] pin = given;
        try {
            PinStatus status = card.pinStatus(kind);
            if (status instanceof PinStatus.Blocked) {
                cli.error("pin.blocked");
                return CardTool.EXIT_PIN_BLOCKED;
            }
            if (status instanceof PinStatus.AlreadyVerified) {
                return VERIFIED;
            }
            int tries = ((PinStatus.TriesLeft) status).tries();
            if (tries == 1) {
                cli.error("pin.last_try");
            }
            if (pin == null) {
                Console console = System.console();
                if (console == null) {
                    cli.error("pin.no_console", optionName);
                    return CardTool.EXIT_USAGE;
                }
                if (tries > 1) {
                    cli.error("pin.tries_left", tries); // the last-try warning above already says it
                }
                pin = console.readPassword("%s ", cli.text(kind == PinKind.SIGNATURE ? "pin.prompt.signature" : "pin.prompt.text"));
                if (pin == null) {
                    return CardTool.EXIT_USAGE;
                }
            }
            if (!PinFormat.isValid(kind, pin)) {
                cli.error(kind == PinKind.SIGNATURE ? "pin.format.signature" : "pin.format.text");
                return CardTool.EXIT_USAGE;
            }
            PinResult result = card.verify(kind, pin);
            if (result instanceof PinResult.Verified) {
                return VERIFIED;
            }
            if (result instanceof PinResult.Wrong wrong) {
                cli.error(kind == PinKind.SIGNATURE ? "pin.wrong.signature" : "pin.wrong", wrong.triesLeft());
                return CardTool.EXIT_WRONG_PIN;
            }
            cli.error("pin.blocked");
            return CardTool.EXIT_PIN_BLOCKED;
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }
}

package jp.madoguchi.card.pcsc;

import java.util.Locale;
import java.util.Optional;
import jnasmartcardio.Smartcardio;
import jp.madoguchi.card.CardError;

/**
 * Classifies what a {@code javax.smartcardio} provider threw into a {@link CardError}.
 *
 * <p>Three providers reach this code: jnasmartcardio (a {@link Smartcardio.JnaPCSCException} with
 * the numeric PC/SC code, and a message naming the constant), the JDK's own provider (a
 * {@code CardException} whose cause's message is the constant's name, e.g.
 * {@code SCARD_W_REMOVED_CARD}) and the in-process emulator, which names the constants the same
 * way on purpose. So the numeric code is used when there is one, and otherwise the constant's
 * name anywhere in the cause chain. Stateless and thread-safe.
 */
final class PcscFailures {
    // winscard / pcsclite.h codes, as the 32-bit values jnasmartcardio reports
    static final int SCARD_E_INVALID_HANDLE = 0x80100003;
    static final int SCARD_E_UNKNOWN_READER = 0x80100009;
    static final int SCARD_E_NO_SMARTCARD = 0x8010000C;
    static final int SCARD_F_COMM_ERROR = 0x80100013;
    static final int SCARD_E_READER_UNAVAILABLE = 0x80100017;
    static final int SCARD_E_NO_SERVICE = 0x8010001D;
    static final int SCARD_E_SERVICE_STOPPED = 0x8010001E;
    static final int SCARD_E_NO_READERS_AVAILABLE = 0x8010002E;
    static final int SCARD_W_UNPOWERED_CARD = 0x80100067;
    static final int SCARD_W_RESET_CARD = 0x80100068;
    static final int SCARD_W_REMOVED_CARD = 0x80100069;

    private PcscFailures() {
    }

    /**
     * What a failed transmit means for the caller. A reset counts as removal: whatever was
     * verified on the card is gone either way, so the session must start over.
     */
    static CardError classifyTransmit(Throwable failure) {
        Optional<String> name = pcscName(failure);
        if (name.isEmpty()) {
            return CardError.COMMUNICATION;
        }
        return switch (name.get()) {
            case "SCARD_W_REMOVED_CARD", "SCARD_W_RESET_CARD", "SCARD_E_NO_SMARTCARD",
                    "SCARD_W_UNPOWERED_CARD", "SCARD_E_READER_UNAVAILABLE" -> CardError.CARD_REMOVED;
            case "SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED", "SCARD_F_COMM_ERROR" -> CardError.NO_PCSC_SERVICE;
            default -> CardError.COMMUNICATION;
        };
    }

    /**
     * Whether a failure of a reader-level call (listing, waiting, establishing a context) means
     * the PC/SC service is gone or was restarted, so the context must be thrown away.
     * {@code SCARD_E_INVALID_HANDLE} belongs here: after a pcscd restart an old context is unknown
     * to the new daemon.
     */
    static boolean isServiceFailure(Throwable failure) {
        if (hasCause(failure, Smartcardio.EstablishContextException.class)) {
            return true;
        }
        Optional<String> name = pcscName(failure);
        return name.isPresent() && switch (name.get()) {
            case "SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED", "SCARD_F_COMM_ERROR",
                    "SCARD_E_INVALID_HANDLE" -> true;
            default -> false;
        };
    }

    /** A one-line technical description (no card data: PC/SC messages carry none). */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    /** The PC/SC constant's name this failure carries, from its code or from a message. */
    static Optional<String> pcscName(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Smartcardio.JnaPCSCException jna && jna.code != 0) {
                Optional<String> byCode = nameOf((int) jna.code);
                if (byCode.isPresent()) {
                    return byCode;
                }
            }
            String message = t.getMessage();
            if (message != null) {
                Optional<String> byName = nameIn(message);
                if (byName.isPresent()) {
                    return byName;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nameOf(int code) {
        return Optional.ofNullable(switch (code) {
            case SCARD_E_INVALID_HANDLE -> "SCARD_E_INVALID_HANDLE";
            case SCARD_E_UNKNOWN_READER -> "SCARD_E_UNKNOWN_READER";
            case SCARD_E_NO_SMARTCARD -> "SCARD_E_NO_SMARTCARD";
            case SCARD_F_COMM_ERROR -> "SCARD_F_COMM_ERROR";
            case SCARD_E_READER_UNAVAILABLE -> "SCARD_E_READER_UNAVAILABLE";
            case SCARD_E_NO_SERVICE -> "SCARD_E_NO_SERVICE";
            case SCARD_E_SERVICE_STOPPED -> "SCARD_E_SERVICE_STOPPED";
            case SCARD_E_NO_READERS_AVAILABLE -> "SCARD_E_NO_READERS_AVAILABLE";
            case SCARD_W_UNPOWERED_CARD -> "SCARD_W_UNPOWERED_CARD";
            case SCARD_W_RESET_CARD -> "SCARD_W_RESET_CARD";
            case SCARD_W_REMOVED_CARD -> "SCARD_W_REMOVED_CARD";
            default -> null;
        });
    }

    private static Optional<String> nameIn(String message) {
        String upper = message.toUpperCase(Locale.ROOT);
        int at = upper.indexOf("SCARD_");
        if (at < 0) {
            return Optional.empty();
        }
        int end = at;
        while (end < upper.length() && (Character.isLetterOrDigit(upper.charAt(end)) || upper.charAt(end) == '_')) {
            end++;
        }
        return Optional.of(upper.substring(at, end));
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

package jp.madoguchi.card.apdu;

import jp.madoguchi.card.CardException;

/**
 * The lowest card layer: one command APDU in, one response APDU (data followed by SW1 SW2) out.
 *
 * <p>Wrappers stack on it (logging with PINs masked, counting, fault injection), and everything
 * above it (the My Number card service) speaks only this interface, so the same code runs over a
 * PC/SC reader, the in-process emulator or a scripted test transport. Implementations are not
 * required to be thread-safe: one reader has one single-thread executor.
 */
@FunctionalInterface
public interface ApduTransport {

    /**
     * Sends one encoded command APDU and returns the whole response, status word included.
     *
     * @throws CardException with {@link jp.madoguchi.card.CardError#CARD_REMOVED} or
     *     {@link jp.madoguchi.card.CardError#COMMUNICATION} when the exchange did not complete
     */
    byte[] transmit(byte[] command) throws CardException;

    /** Convenience: encodes, sends and parses. */
    default ResponseApdu transmit(CommandApdu command) throws CardException {
        return ResponseApdu.parse(transmit(command.encode()));
    }
}

package jp.madoguchi.card.pcsc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ApduTransport;

/**
 * {@link ApduTransport} over a {@code javax.smartcardio} {@link CardChannel}: a real reader through
 * jnasmartcardio, or the in-process emulator.
 *
 * <p>It uses {@link CardChannel#transmit(ByteBuffer, ByteBuffer)} with a receive buffer big enough
 * for the largest extended response (65536 data bytes + SW), because that form passes the command
 * bytes through untouched and lets the card answer as much as it likes: jnasmartcardio's
 * {@code transmit(CommandAPDU)} caps every response at an 8192-byte buffer, and the JDK's parses
 * and may rewrite the command. So one extended READ BINARY can fetch a whole certificate. The
 * channel still handles {@code 61xx} (GET RESPONSE) and {@code 6Cxx} (resend with the right Le)
 * as both providers do.
 *
 * <p>Failures become {@link CardException}s with the PC/SC cause kept: card removed or reset →
 * {@link CardError#CARD_REMOVED}, service gone → {@link CardError#NO_PCSC_SERVICE}, anything else
 * → {@link CardError#COMMUNICATION}. A card pulled out in the middle of an APDU does not always say
 * so: through pcscd + vpcd the first failure is an {@code IllegalArgumentException} from
 * jnasmartcardio (pcscd reported success with no bytes) and the next {@code SCARD_E_NOT_TRANSACTED}.
 * So when a terminal is known, an unclassified failure is followed by a short wait for the card
 * to be reported absent (pcscd polls presence about every 400 ms); if it is gone, the failure is
 * {@link CardError#CARD_REMOVED}. Never logs command or response bytes (PINs travel in VERIFY).
 *
 * <p>Not thread-safe: use it from the reader's single thread ({@link CardConnection#executor()}).
 */
public final class PcscTransport implements ApduTransport {
    /** Largest response APDU: 65536 data bytes and the two status bytes. */
    static final int MAX_RESPONSE_LENGTH = 65536 + 2;

    /** How long a failed transmit waits for the reader to report the card gone. */
    static final Duration REMOVAL_GRACE = Duration.ofMillis(1200);

    private final CardChannel channel;
    private final CardTerminal terminal;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_RESPONSE_LENGTH);

    /** A transport that classifies failures only by what the provider reports. */
    public PcscTransport(CardChannel channel) {
        this(channel, null);
    }

    /**
     * A transport that, after an unexplained failure, asks {@code terminal} whether the card is
     * still there (see the class comment). {@code terminal} may be null.
     */
    public PcscTransport(CardChannel channel, CardTerminal terminal) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.terminal = terminal;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardException {
        Objects.requireNonNull(command, "command");
        if (command.length < 4) {
            throw new IllegalArgumentException("a command APDU has at least 4 bytes, got " + command.length);
        }
        receiveBuffer.clear();
        ByteBuffer commandBuffer = ByteBuffer.wrap(command);
        int length;
        try {
            length = channel.transmit(commandBuffer, receiveBuffer);
        } catch (IllegalStateException e) {
            // the card was disconnected or the channel closed (by this program, not the card)
            throw new CardException(CardError.COMMUNICATION, "channel no longer usable: " + e.getMessage(), e);
        } catch (javax.smartcardio.CardException | RuntimeException e) {
            // providers throw unchecked exceptions too (JNA errors, bad buffer positions)
            throw failure(e);
        }
        if (length < 2) {
            throw new CardException(CardError.COMMUNICATION, "response of " + length + " byte(s) has no status word");
        }
        byte[] response = new byte[length];
        receiveBuffer.flip();
        receiveBuffer.get(response);
        wipeReceiveBuffer(length);
        return response;
    }

    private CardException failure(Exception cause) {
        CardError error = PcscFailures.classifyTransmit(cause);
        String detail = "transmit failed: " + PcscFailures.describe(cause);
        if (error == CardError.COMMUNICATION && cardWentAway()) {
            return new CardException(CardError.CARD_REMOVED, "card gone after a failed transmit; " + detail, cause);
        }
        return new CardException(error, detail, cause);
    }

    private boolean cardWentAway() {
        if (terminal == null) {
            return false;
        }
        try {
            return terminal.waitForCardAbsent(REMOVAL_GRACE.toMillis());
        } catch (javax.smartcardio.CardException | RuntimeException e) {
            return false; // cannot tell: keep the original classification
        }
    }

    /** The channel this transport sends on. */
    public CardChannel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "PcscTransport[" + channel + "]";
    }

    /** The buffer is reused: do not leave card data (personal data, certificates) lying in it. */
    private void wipeReceiveBuffer(int length) {
        receiveBuffer.clear();
        for (int i = 0; i < length; i++) {
            receiveBuffer.put(i, (byte) 0);
        }
    }
}

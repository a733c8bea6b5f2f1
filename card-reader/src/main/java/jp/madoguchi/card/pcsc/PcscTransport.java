package jp.madoguchi.card.pcsc;

import java.nio.ByteBuffer;
import java.util.Objects;
import javax.smartcardio.CardChannel;
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
 * → {@link CardError#COMMUNICATION}. Never logs command or response bytes (PINs travel in VERIFY).
 *
 * <p>Not thread-safe: use it from the reader's single thread ({@link CardConnection#executor()}).
 */
public final class PcscTransport implements ApduTransport {
    /** Largest response APDU: 65536 data bytes and the two status bytes. */
    static final int MAX_RESPONSE_LENGTH = 65536 + 2;

    private final CardChannel channel;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_RESPONSE_LENGTH);

    public PcscTransport(CardChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
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
        } catch (javax.smartcardio.CardException e) {
            throw PcscFailures.transmitFailure(e);
        } catch (IllegalStateException e) {
            // the card was disconnected or the channel closed (by this program, not the card)
            throw new CardException(CardError.COMMUNICATION, "channel no longer usable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // providers throw unchecked exceptions too (JNA errors, invalid states)
            throw new CardException(PcscFailures.classifyTransmit(e),
                    "transmit failed: " + PcscFailures.describe(e), e);
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

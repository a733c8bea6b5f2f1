package jp.madoguchi.card.apdu;

import jp.madoguchi.card.CardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every exchange at debug level without ever writing a secret or personal data: the data of
 * VERIFY / CHANGE REFERENCE DATA / RESET RETRY COUNTER commands is replaced by its length, and
 * response data is never logged (READ BINARY answers carry names, addresses and numbers), only its
 * length and the status word. Thread-safety: as the wrapped transport.
 */
public final class LoggingTransport implements ApduTransport {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingTransport.class);

    private final ApduTransport next;
    private final String readerLabel;

    public LoggingTransport(ApduTransport next, String readerLabel) {
        this.next = next;
        this.readerLabel = readerLabel;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardException {
        if (!LOG.isDebugEnabled()) {
            return next.transmit(command);
        }
        LOG.debug("[{}] >> {}", readerLabel, describeCommand(command));
        long start = System.nanoTime();
        try {
            byte[] response = next.transmit(command);
            LOG.debug("[{}] << {} ({} µs)", readerLabel, describeResponse(response),
                    (System.nanoTime() - start) / 1000);
            return response;
        } catch (CardException e) {
            LOG.debug("[{}] << failed: {}", readerLabel, e.error());
            throw e;
        }
    }

    /** The command as it may be logged: header in hex, and the data only where it holds no secret. */
    public static String describeCommand(byte[] command) {
        if (command.length < 4) {
            return "malformed command of " + command.length + " byte(s)";
        }
        StringBuilder out = new StringBuilder(Hex.encode(command, 0, 4, true));
        if (command.length > 4) {
            int ins = command[1] & 0xFF;
            if (carriesSecret(ins)) {
                out.append(" [").append(command.length - 4).append(" byte(s) masked]");
            } else {
                out.append(' ').append(Hex.encode(command, 4, command.length - 4, true));
            }
        }
        return out.toString();
    }

    /** The response as it may be logged: length and status word, never the data. */
    public static String describeResponse(byte[] response) {
        if (response == null || response.length < 2) {
            return "garbled response";
        }
        int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        return String.format("%d data byte(s), SW %04X", response.length - 2, sw);
    }

    /** VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER carry PINs. */
    static boolean carriesSecret(int ins) {
        return ins == 0x20 || ins == 0x21 || ins == 0x24 || ins == 0x2C;
    }
}

package jp.madoguchi.card.apdu;

import java.util.concurrent.atomic.AtomicLong;
import jp.madoguchi.card.CardException;

/**
 * Counts APDUs and bytes in both directions, and the time spent waiting for the card; the
 * benchmark and the tests that hold the protocol to its APDU budget read it. Thread-safe.
 */
public final class CountingTransport implements ApduTransport {
    private final ApduTransport next;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    public CountingTransport(ApduTransport next) {
        this.next = next;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardException {
        commands.incrementAndGet();
        bytesSent.addAndGet(command.length);
        long start = System.nanoTime();
        try {
            byte[] response = next.transmit(command);
            bytesReceived.addAndGet(response.length);
            return response;
        } finally {
            nanos.addAndGet(System.nanoTime() - start);
        }
    }

    public long commands() {
        return commands.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** Time spent inside the wrapped transport, in nanoseconds. */
    public long transportNanos() {
        return nanos.get();
    }

    public void reset() {
        commands.set(0);
        bytesSent.set(0);
        bytesReceived.set(0);
        nanos.set(0);
    }
}

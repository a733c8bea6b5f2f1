package jp.madoguchi.card.emulator.vpcd;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import jdk.net.ExtendedSocketOptions;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.StatusWords;
import jp.madoguchi.card.emulator.VirtualCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link VirtualCard} into a vpcd virtual reader (the {@code vsmartcard-vpcd} driver of
 * pcscd), so that every PC/SC program on the machine sees it as a card in "Virtual PCD 00 00".
 *
 * <p>vpcd listens on TCP (35963 for the first slot, 35964 for the second) and this client dials
 * in: while it is connected the reader reports a card, when it disconnects the card is gone. Every
 * message is a 2-byte big-endian length and a payload; a 1-byte payload is a control message
 * ({@code 00} power off, {@code 01} power on, {@code 02} reset — no reply; {@code 04} get ATR —
 * reply the ATR), anything longer is a command APDU answered with the response APDU.
 *
 * <p>Latency: Debian's vpcd sends the length and the APDU in two writes with Nagle's algorithm on,
 * so the second write waits for our ACK of the first; Linux delays that ACK (~40 ms) unless
 * {@code TCP_QUICKACK} is set, and the kernel clears that flag again by itself. Hence quick-ACK is
 * set before <em>every</em> read; it takes an APDU from ~49 ms to about a millisecond. Our own
 * replies go out in one write with {@code TCP_NODELAY}.
 *
 * <p>Faults: {@link #removeCard()} disconnects (the reader sees the card pulled, and the card
 * loses power); {@link #insertCard()} dials in again. If the card's {@code transmit} throws
 * {@link CardException} with {@link CardError#CARD_REMOVED} — a test card simulating a pull in
 * the middle of an APDU — the client disconnects without answering and stays out until
 * {@link #insertCard()}. When vpcd is not listening (pcscd not started yet, or restarting), the
 * client retries with a backoff of up to one second, for as long as the card is meant to be in.
 *
 * <p>Never logs APDU data (PINs travel in VERIFY): at most INS and SW, at debug level.
 *
 * <p>Thread-safety: the public methods are thread-safe. The card is used only from this client's
 * own daemon thread; do not let anything else use the same {@link VirtualCard} concurrently.
 */
public final class VpcdClient implements AutoCloseable {
    /** vpcd's port for "Virtual PCD 00 00" in Debian's {@code /etc/reader.conf.d/vpcd}. */
    public static final int DEFAULT_PORT = 35963;

    private static final Logger LOG = LoggerFactory.getLogger(VpcdClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 1000;
    private static final byte POWER_OFF = 0x00;
    private static final byte POWER_ON = 0x01;
    private static final byte RESET = 0x02;
    private static final byte GET_ATR = 0x04;

    private final String host;
    private final int port;
    private final VirtualCard card;
    private final boolean quickAck;
    private final Object lock = new Object();
    private final Thread thread;

    // guarded by lock
    private boolean started;
    private boolean closed;
    private boolean cardWanted = true;
    private Socket socket;
    private long connections;

    /** A client for the vpcd slot at {@code host:port}, with quick-ACK on. */
    public VpcdClient(String host, int port, VirtualCard card) {
        this(host, port, card, true);
    }

    /**
     * A client for the vpcd slot at {@code host:port}.
     *
     * @param quickAck {@code true} in every real use; {@code false} only to measure what the
     *     delayed ACKs cost (about 49 ms per APDU on Linux)
     */
    public VpcdClient(String host, int port, VirtualCard card, boolean quickAck) {
        this.host = Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.card = Objects.requireNonNull(card, "card");
        this.quickAck = quickAck;
        this.thread = new Thread(this::run, "vpcd-client-" + host + ":" + port);
        this.thread.setDaemon(true);
    }

    /** Starts the client thread with the card inserted. Only once. */
    public void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            if (closed) {
                throw new IllegalStateException("closed");
            }
            started = true;
        }
        thread.start();
    }

    /** Takes the card out: disconnects from vpcd, which then reports no card. Idempotent. */
    public void removeCard() {
        synchronized (lock) {
            cardWanted = false;
            closeSocketLocked();
            lock.notifyAll();
        }
    }

    /** Puts the card (back) in: connects to vpcd, retrying until it is listening. Idempotent. */
    public void insertCard() {
        synchronized (lock) {
            cardWanted = true;
            lock.notifyAll();
        }
    }

    /** Whether the client is connected to vpcd right now, i.e. the reader has the card. */
    public boolean isConnected() {
        synchronized (lock) {
            return socket != null && socket.isConnected() && !socket.isClosed();
        }
    }

    /** How many times the client has connected to vpcd so far (tests wait on this). */
    public long connectionCount() {
        synchronized (lock) {
            return connections;
        }
    }

    /** Disconnects and stops the thread; waits up to two seconds for it. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeSocketLocked();
            lock.notifyAll();
        }
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            synchronized (lock) {
                while (!closed && !cardWanted) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
            }
            Socket connected;
            try {
                connected = connect();
            } catch (IOException e) {
                LOG.debug("vpcd at {}:{} not reachable ({}); retrying in {} ms", host, port, e.getMessage(), backoff);
                if (!sleepUnlessClosed(backoff)) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                continue;
            }
            backoff = FIRST_BACKOFF_MILLIS;
            if (connected != null) {
                serve(connected);
            }
        }
    }

    /** Connects, or returns null when the card was removed or the client closed meanwhile. */
    private Socket connect() throws IOException {
        Socket candidate = new Socket();
        try {
            candidate.setTcpNoDelay(true);
            candidate.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            candidate.close();
            throw e;
        }
        synchronized (lock) {
            if (closed || !cardWanted) {
                candidate.close();
                return null;
            }
            socket = candidate;
            connections++;
        }
        LOG.debug("connected to vpcd at {}:{}: card inserted", host, port);
        return candidate;
    }

    private void serve(Socket connected) {
        try {
            DataInputStream in = new DataInputStream(connected.getInputStream());
            OutputStream out = connected.getOutputStream();
            while (true) {
                byte[] message = readMessage(connected, in);
                if (message.length == 1) {
                    byte[] reply = control(message[0]);
                    if (reply != null) {
                        write(out, reply);
                    }
                } else {
                    byte[] response = command(message);
                    if (response == null) {
                        return; // card pulled mid-APDU: leave without answering
                    }
                    write(out, response);
                }
            }
        } catch (EOFException | SocketException e) {
            LOG.debug("vpcd connection {}:{} ended: {}", host, port, e.getMessage());
        } catch (IOException e) {
            LOG.warn("vpcd connection {}:{} failed: {}", host, port, e.toString());
        } finally {
            synchronized (lock) {
                if (socket == connected) {
                    closeSocketLocked();
                }
            }
            // without contact the card has no power: verified PINs end, counters stay
            card.powerOff();
        }
    }

    private byte[] readMessage(Socket connected, DataInputStream in) throws IOException {
        enableQuickAck(connected);
        int length = in.readUnsignedShort();
        if (length == 0) {
            throw new IOException("vpcd sent an empty message");
        }
        byte[] message = new byte[length];
        enableQuickAck(connected);
        in.readFully(message);
        return message;
    }

    private void enableQuickAck(Socket connected) throws IOException {
        if (quickAck && connected.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
            connected.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        }
    }

    /** Handles a control message; returns the reply, or null when it has none. */
    private byte[] control(byte code) {
        switch (code) {
            case POWER_OFF -> card.powerOff();
            case POWER_ON -> card.powerOn();
            case RESET -> card.reset();
            case GET_ATR -> {
                return card.atr();
            }
            default -> LOG.warn("unknown vpcd control message {}", String.format("%02X", code & 0xFF));
        }
        return null;
    }

    /** Runs a command APDU; returns null when the card simulated being pulled out. */
    private byte[] command(byte[] apdu) {
        int ins = apdu.length > 1 ? apdu[1] & 0xFF : -1;
        byte[] response;
        try {
            response = card.transmit(apdu);
        } catch (CardException e) {
            if (e.error() == CardError.CARD_REMOVED) {
                LOG.debug("INS {}: card reports removal; disconnecting", hex(ins));
                synchronized (lock) {
                    cardWanted = false;
                }
                return null;
            }
            LOG.warn("INS {}: the virtual card failed ({}); answering 6F00", hex(ins), e.error());
            return status(StatusWords.NO_PRECISE_DIAGNOSIS);
        } catch (RuntimeException e) {
            LOG.warn("INS {}: the virtual card threw {}; answering 6F00", hex(ins), e.getClass().getName());
            return status(StatusWords.NO_PRECISE_DIAGNOSIS);
        } finally {
            Arrays.fill(apdu, (byte) 0); // may hold a PIN
        }
        if (response == null || response.length < 2) {
            LOG.warn("INS {}: the virtual card answered no status word; answering 6F00", hex(ins));
            return status(StatusWords.NO_PRECISE_DIAGNOSIS);
        }
        if (LOG.isDebugEnabled()) {
            int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
            LOG.debug("INS {} -> SW {}, {} data byte(s)", hex(ins), String.format("%04X", sw), response.length - 2);
        }
        return response;
    }

    private static void write(OutputStream out, byte[] payload) throws IOException {
        if (payload.length > 0xFFFF) {
            throw new IOException("reply of " + payload.length + " bytes does not fit vpcd's 2-byte length");
        }
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame); // one write: length and payload leave in the same segment
        out.flush();
        Arrays.fill(frame, (byte) 0);
    }

    private static byte[] status(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    private static String hex(int ins) {
        return ins < 0 ? "--" : String.format("%02X", ins);
    }

    private boolean sleepUnlessClosed(long millis) {
        synchronized (lock) {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (!closed && cardWanted) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !closed;
        }
    }

    private void closeSocketLocked() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing vpcd socket: {}", e.getMessage());
            }
            socket = null;
        }
    }

    @Override
    public String toString() {
        return "VpcdClient[" + host + ":" + port + "]";
    }
}

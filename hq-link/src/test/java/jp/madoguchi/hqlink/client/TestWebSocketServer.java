package jp.madoguchi.hqlink.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolJson;

/**
 * A minimal RFC 6455 server for the presence channel over TLS with a required client certificate:
 * the opening handshake (§4.2), masked client frames with 7/16/64-bit lengths and fragmentation,
 * close and ping control frames, unmasked server text frames. It answers {@code ping} frames of the
 * protocol with {@code pong} unless told not to, and records the text frames it receives.
 */
final class TestWebSocketServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** A text frame received, and on which connection (1, 2, …). */
    record Received(int connection, String text) {
    }

    private final SSLServerSocket listener;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean answerPings = true;
    private volatile Connection current;
    private volatile boolean closed;

    TestWebSocketServer(SSLContext tls) throws IOException {
        listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setNeedClientAuth(true);
        Thread acceptor = new Thread(this::acceptLoop, "test-ws-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI baseUrl() {
        return URI.create("https://127.0.0.1:" + listener.getLocalPort());
    }

    BlockingQueue<Received> received() {
        return received;
    }

    int connections() {
        return connections.get();
    }

    void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    /** Sends a frame to the latest connection. */
    void send(PresenceFrame frame) throws IOException {
        sendText(ProtocolJson.write(frame));
    }

    void sendText(String text) throws IOException {
        current.sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops the latest connection without a close frame, as a crashed server or a cut cable would. */
    void dropCurrent() throws IOException {
        current.socket.close();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SSLSocket socket = (SSLSocket) listener.accept();
                Thread thread = new Thread(() -> serve(socket), "test-ws-conn");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String request = readHead(in);
            String key = null;
            String[] lines = request.split("\r\n");
            if (!lines[0].startsWith("GET /api/v1/presence ")) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                    key = line.substring(colon + 1).trim();
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Connection connection = new Connection(connections.incrementAndGet(), socket, out);
            current = connection;
            connection.readLoop(new DataInputStream(in));
        } catch (EOFException | java.net.SocketException | javax.net.ssl.SSLException e) {
            // the client or the test closed the connection
        } catch (Exception e) {
            if (!closed) {
                e.printStackTrace();
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the opening handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) {
                throw new IOException("handshake too long");
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private final class Connection {
        private final int number;
        private final Socket socket;
        private final OutputStream out;

        Connection(int number, Socket socket, OutputStream out) {
            this.number = number;
            this.socket = socket;
            this.out = out;
        }

        void readLoop(DataInputStream in) throws Exception {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0f;
                if ((b1 & 0x80) == 0) {
                    throw new IOException("client frames must be masked (RFC 6455 §5.1)");
                }
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if (length > 1_000_000) {
                    throw new IOException("frame too large");
                }
                byte[] mask = new byte[4];
                in.readFully(mask);
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                switch (opcode) {
                    case 0x0, 0x1 -> {
                        message.write(payload);
                        if (fin) {
                            onText(message.toString(StandardCharsets.UTF_8));
                            message.reset();
                        }
                    }
                    case 0x8 -> {
                        sendFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                        return;
                    }
                    case 0x9 -> sendFrame(0xA, payload);
                    case 0xA -> {
                        // unsolicited pong: ignore
                    }
                    default -> throw new IOException("unexpected opcode " + opcode);
                }
            }
        }

        private void onText(String text) throws IOException {
            received.add(new Received(number, text));
            if (answerPings && text.contains("\"type\":\"ping\"")) {
                try {
                    PresenceFrame.Ping ping = (PresenceFrame.Ping) ProtocolJson.readFrame(text);
                    sendFrame(0x1, ProtocolJson.write(new PresenceFrame.Pong(ping.t())).getBytes(StandardCharsets.UTF_8));
                } catch (jp.madoguchi.hqlink.message.ProtocolException e) {
                    throw new IOException(e);
                }
            }
        }

        synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length <= 0xffff) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        Connection connection = current;
        if (connection != null) {
            connection.socket.close();
        }
    }
}

package jp.madoguchi.card.emulator.vpcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import jp.madoguchi.card.testcards.EchoCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The vpcd wire protocol against a fake vpcd (a server socket speaking its framing). */
class VpcdClientTest {
    private ServerSocket vpcd;
    private VpcdClient client;

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (vpcd != null) {
            vpcd.close();
        }
    }

    @Test
    void answersControlMessagesAndApdus() throws Exception {
        EchoCard card = new EchoCard();
        vpcd = listen(0);
        client = new VpcdClient("127.0.0.1", vpcd.getLocalPort(), card);
        client.start();
        try (Socket connection = accept()) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());

            send(out, new byte[] {0x04});
            assertArrayEquals(EchoCard.ATR, receive(in));
            send(out, new byte[] {0x01});
            send(out, new byte[] {(byte) 0x80, (byte) 0xEE, 0, 0, 2, 0x55, 0x66, 0});
            assertArrayEquals(new byte[] {0x55, 0x66, (byte) 0x90, 0}, receive(in));
            assertTrue(card.isPowered(), "power on arrived before the APDU");
            send(out, new byte[] {0x02});
            send(out, new byte[] {0x00});
            send(out, new byte[] {0x04}); // a reply proves the two before were handled without one
            assertArrayEquals(EchoCard.ATR, receive(in));
            assertEquals(1, card.resetCount());
            assertFalse(card.isPowered());
        }
    }

    @Test
    void removeCardDisconnectsAndInsertCardDialsAgain() throws Exception {
        vpcd = listen(0);
        client = new VpcdClient("127.0.0.1", vpcd.getLocalPort(), new EchoCard());
        client.start();
        try (Socket first = accept()) {
            send(new DataOutputStream(first.getOutputStream()), new byte[] {0x04});
            assertArrayEquals(EchoCard.ATR, receive(new DataInputStream(first.getInputStream()))); // serving now
            client.removeCard();
            assertThrows(EOFException.class, () -> new DataInputStream(first.getInputStream()).readUnsignedShort());
        }
        client.insertCard();
        try (Socket second = accept()) {
            DataOutputStream out = new DataOutputStream(second.getOutputStream());
            send(out, new byte[] {0x04});
            assertArrayEquals(EchoCard.ATR, receive(new DataInputStream(second.getInputStream())));
            assertEquals(2, client.connectionCount());
        }
    }

    @Test
    void aCardPulledMidApduLeavesWithoutAnswering() throws Exception {
        EchoCard card = new EchoCard();
        vpcd = listen(0);
        client = new VpcdClient("127.0.0.1", vpcd.getLocalPort(), card);
        client.start();
        try (Socket connection = accept()) {
            card.pullOnNextCommand();
            send(new DataOutputStream(connection.getOutputStream()), new byte[] {0, (byte) 0xA4, 4, 0});
            assertThrows(EOFException.class, () -> new DataInputStream(connection.getInputStream()).readUnsignedShort());
        }
        Thread.sleep(100);
        assertFalse(client.isConnected(), "stays out until insertCard()");
    }

    @Test
    void dialsUntilVpcdListens() throws Exception {
        int port;
        try (ServerSocket probe = listen(0)) {
            port = probe.getLocalPort();
        }
        client = new VpcdClient("127.0.0.1", port, new EchoCard());
        client.start();
        Thread.sleep(300); // a few refused attempts
        vpcd = listen(port);
        try (Socket connection = accept()) {
            send(new DataOutputStream(connection.getOutputStream()), new byte[] {0x04});
            assertArrayEquals(EchoCard.ATR, receive(new DataInputStream(connection.getInputStream())));
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    private Socket accept() throws IOException {
        vpcd.setSoTimeout(5000);
        Socket socket = vpcd.accept();
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(DataOutputStream out, byte[] payload) throws IOException {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }

    private static byte[] receive(DataInputStream in) throws IOException {
        byte[] payload = new byte[in.readUnsignedShort()];
        in.readFully(payload);
        return payload;
    }
}

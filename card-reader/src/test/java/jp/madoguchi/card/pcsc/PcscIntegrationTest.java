package jp.madoguchi.card.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CommandApdu;
import jp.madoguchi.card.apdu.ResponseApdu;
import jp.madoguchi.card.emulator.vpcd.VpcdClient;
import jp.madoguchi.card.testcards.EchoCard;
import org.junit.jupiter.api.Test;

/**
 * The whole stack: Java → jnasmartcardio → libpcsclite → a private pcscd → vpcd → {@link VpcdClient}
 * → {@link EchoCard}. Needs root and the packages of {@code scripts/install-system-deps.sh}; fails
 * (does not skip) without them.
 */
class PcscIntegrationTest extends RealStackTest {

    @Test
    void virtualReadersAreListed() throws Exception {
        List<String> names = readers.list().stream().map(ReaderInfo::name).toList();
        assertTrue(names.contains(READER) && names.contains(SECOND_READER), names.toString());
    }

    @Test
    void watcherSeesTheCardInsertedAndRemoved() throws Exception {
        EventRecorder recorder = new EventRecorder();
        ReaderWatcher watcher = closeLater(readers.watch(recorder));
        recorder.await(new ReaderEvent.ReaderAttached(READER), WAIT);
        recorder.await(new ReaderEvent.ReaderAttached(SECOND_READER), WAIT);

        VpcdClient client = startClient(0, new EchoCard(), true);
        recorder.await(new ReaderEvent.CardInserted(READER, EchoCard.ATR), WAIT);
        assertTrue(watcher.readers().contains(new ReaderInfo(READER, true)), watcher.readers().toString());

        recorder.clear();
        client.removeCard();
        recorder.await(new ReaderEvent.CardRemoved(READER), WAIT);
        client.insertCard();
        recorder.await(new ReaderEvent.CardInserted(READER, EchoCard.ATR), WAIT);
        assertEquals(List.of(new ReaderEvent.CardRemoved(READER), new ReaderEvent.CardInserted(READER, EchoCard.ATR)),
                recorder.events());
    }

    @Test
    void apduRoundTripAndAnExtendedReadInOneApdu() throws Exception {
        EchoCard card = new EchoCard();
        startClient(0, card, true);
        awaitPresence(READER, true);
        CardConnection connection = closeLater(readers.connect(READER));
        assertArrayEquals(EchoCard.ATR, connection.atr());
        assertEquals("T=1", connection.protocol());

        ResponseApdu echo = connection.submit(transport -> transport.transmit(
                CommandApdu.of(0x80, EchoCard.INS_ECHO, 0, 0, new byte[] {0x12, 0x34, 0x56}, 256))).get(5, TimeUnit.SECONDS);
        assertEquals(0x9000, echo.sw());
        assertArrayEquals(new byte[] {0x12, 0x34, 0x56}, echo.data());

        int before = card.commandCount();
        ResponseApdu read = connection.submit(transport -> transport.transmit(
                CommandApdu.of(0x00, 0xB0, 0x00, 0x00, null, 2000))).get(5, TimeUnit.SECONDS);
        assertEquals(0x9000, read.sw());
        byte[] data = read.data();
        assertEquals(2000, data.length);
        for (int i = 0; i < data.length; i++) {
            assertEquals((byte) i, data[i], "byte " + i);
        }
        assertEquals(before + 1, card.commandCount(), "one APDU, no GET RESPONSE or chaining");
    }

    @Test
    void cardPulledDuringAnApduIsCardRemoved() throws Exception {
        EchoCard card = new EchoCard();
        VpcdClient client = startClient(0, card, true);
        awaitPresence(READER, true);
        CardConnection connection = closeLater(readers.connect(READER));
        card.pullOnNextCommand();
        ExecutionException e = assertThrows(ExecutionException.class, () -> connection.submit(transport -> transport.transmit(
                CommandApdu.of(0x00, 0xA4, 0x04, 0x0C, new byte[] {1, 2, 3}))).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CardException typed && typed.error() == CardError.CARD_REMOVED,
                String.valueOf(e.getCause()));
        assertFalse(client.isConnected());
        awaitPresence(READER, false);
    }

    @Test
    void perApduRoundTripTime() throws Exception {
        startClient(0, new EchoCard(), true);
        startClient(1, new EchoCard(), false);
        awaitPresence(READER, true);
        awaitPresence(SECOND_READER, true);
        double withQuickAck = medianRoundTripMillis(READER, 60);
        double withoutQuickAck = medianRoundTripMillis(SECOND_READER, 12);
        System.out.printf("per-APDU round trip through pcscd + vpcd, median: %.3f ms with TCP_QUICKACK, %.1f ms without%n",
                withQuickAck, withoutQuickAck);
        assertTrue(withQuickAck < 40, "median " + withQuickAck + " ms: is TCP_QUICKACK working?");
    }

    @Test
    void watcherRecoversWhenPcscdRestarts() throws Exception {
        EventRecorder recorder = new EventRecorder();
        ReaderWatcher watcher = closeLater(readers.watch(recorder));
        VpcdClient client = startClient(0, new EchoCard(), true);
        recorder.await(new ReaderEvent.CardInserted(READER, EchoCard.ATR), WAIT);
        long connectionsBefore = client.connectionCount();
        recorder.clear();

        pcscd.stop();
        recorder.await(ReaderEvent.ServiceUnavailable.class, WAIT);
        assertEquals(CardError.NO_PCSC_SERVICE, assertThrows(CardException.class, readers::list).error());
        assertEquals(CardError.NO_PCSC_SERVICE, assertThrows(CardException.class, () -> readers.connect(READER)).error());
        assertFalse(watcher.isServiceAvailable());

        pcscd.startAgain();
        int restored = recorder.await(ReaderEvent.ServiceRestored.class, WAIT);
        int attached = recorder.await(new ReaderEvent.ReaderAttached(READER), WAIT);
        int inserted = recorder.await(new ReaderEvent.CardInserted(READER, EchoCard.ATR), WAIT);
        assertTrue(restored < attached && attached < inserted, recorder.events().toString());
        assertEquals(1, recorder.events().stream().filter(ReaderEvent.ServiceUnavailable.class::isInstance).count());
        assertTrue(client.connectionCount() > connectionsBefore, "the emulator dialled the new vpcd");

        CardConnection connection = closeLater(readers.connect(READER));
        assertEquals(0x9000, connection.submit(transport -> transport.transmit(
                CommandApdu.of(0x00, 0xA4, 0x04, 0x0C, new byte[] {1}))).get(5, TimeUnit.SECONDS).sw());
    }

    private double medianRoundTripMillis(String reader, int count) throws Exception {
        try (CardConnection connection = readers.connect(reader)) {
            return connection.submit(transport -> {
                CommandApdu echo = CommandApdu.of(0x80, EchoCard.INS_ECHO, 0, 0, new byte[] {1, 2, 3, 4}, 256);
                transport.transmit(echo); // warm-up
                long[] nanos = new long[count];
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    transport.transmit(echo);
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                return nanos[count / 2] / 1e6;
            }).get(30, TimeUnit.SECONDS);
        }
    }

    private VpcdClient startClient(int slot, EchoCard card, boolean quickAck) {
        VpcdClient client = closeLater(new VpcdClient("127.0.0.1", pcscd.port() + slot, card, quickAck));
        client.start();
        return client;
    }

}

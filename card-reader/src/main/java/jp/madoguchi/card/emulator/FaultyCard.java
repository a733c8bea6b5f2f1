package jp.madoguchi.card.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CommandApdu;

/**
 * A {@link VirtualCard} that passes APDUs to another one and injects the faults of a
 * {@link FaultPlan}: card removal (mid-read, mid-signature, before or after the card acted), cut or
 * garbled responses, wrong status words, a card that stops answering, a slow card, and a hostile card
 * (files with lying lengths or absurd content, reads that never end, endless {@code 61xx}). It is how
 * tests prove the reader and the booth cope with real-world failures. To know which file a READ
 * BINARY reads it follows the SELECTs and short-EF reads the card accepted.
 *
 * <p>A removed card stays removed: every transmit throws {@link CardError#CARD_REMOVED} until
 * {@link #reinsert()}. Removal powers the wrapped card off (verified PINs are gone, counters stay),
 * and reinsertion powers it on again. Thread-safe: every public method is synchronized.
 */
public final class FaultyCard implements VirtualCard {
    private final VirtualCard card;
    private final FaultPlan plan;
    private final List<FaultPlan.Fault> pending;
    private final Map<Integer, Integer> insCounts = new HashMap<>();
    private int apduCount;
    private boolean present = true;
    private long pulls;
    private boolean hanging;
    private boolean moreDataForever;
    private byte[] selectedAid;
    private int selectedFile = -1;

    private static final int INS_SELECT = 0xA4;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final int MORE_DATA_CHUNK = 16;

    public FaultyCard(VirtualCard card, FaultPlan plan) {
        this.card = Objects.requireNonNull(card, "card");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.pending = new ArrayList<>(plan.faults());
    }

    @Override
    public synchronized byte[] transmit(byte[] command) throws CardException {
        apduCount++;
        int ins = command != null && command.length > 1 ? command[1] & 0xFF : -1;
        int insCount = insCounts.merge(ins, 1, Integer::sum);
        if (!present) {
            throw removed();
        }
        List<FaultPlan.Fault> firing = new ArrayList<>();
        for (FaultPlan.Fault fault : pending) {
            if (fault.trigger().matches(apduCount, ins, insCount)) {
                firing.add(fault);
            }
        }
        pending.removeAll(firing);
        delay();
        for (FaultPlan.Fault fault : firing) {
            if (fault instanceof FaultPlan.Fault.RemoveCard) {
                removeNow();
                throw removed();
            }
            if (fault instanceof FaultPlan.Fault.Hang) {
                hang();
            }
            if (fault instanceof FaultPlan.Fault.MoreDataForever) {
                moreDataForever = true;
            }
        }
        if (moreDataForever && (ins == INS_GET_RESPONSE || firing.stream().anyMatch(
                FaultPlan.Fault.MoreDataForever.class::isInstance))) {
            byte[] more = new byte[MORE_DATA_CHUNK + 2];
            more[MORE_DATA_CHUNK] = 0x61;
            more[MORE_DATA_CHUNK + 1] = (byte) MORE_DATA_CHUNK;
            return more;
        }
        byte[] response = card.transmit(command);
        response = hostile(command, ins, response);
        for (FaultPlan.Fault fault : firing) {
            if (fault instanceof FaultPlan.Fault.RemoveCardAfter) {
                removeNow();
                throw removed();
            }
            if (fault instanceof FaultPlan.Fault.AnswerStatus status) {
                response = new byte[] {(byte) (status.sw() >> 8), (byte) status.sw()};
            }
            response = damage(response, fault);
        }
        return response;
    }

    /**
     * The reader tells the card it was pulled out (before powering it off): a command the card is
     * stuck in ({@link FaultPlan.Fault.Hang}) gives up with {@link CardError#CARD_REMOVED}. The card
     * itself counts as present again for the next insertion.
     */
    @Override
    public synchronized void pulledOut() {
        pulls++;
        notifyAll();
    }

    /** Waits, releasing this card's lock, until the card is taken out or the thread interrupted. */
    private void hang() throws CardException {
        hanging = true;
        long pullsBefore = pulls;
        try {
            while (present && pulls == pullsBefore) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException(CardError.COMMUNICATION, "interrupted while waiting for a card that stopped answering", e);
        } finally {
            hanging = false;
        }
        throw removed();
    }

    /** Whether a command is stuck waiting for an answer that never comes ({@link FaultPlan.Fault.Hang}). */
    public synchronized boolean isHanging() {
        return hanging;
    }

    /** Served files and lying lengths; keeps track of what the command selected. */
    private byte[] hostile(byte[] command, int ins, byte[] response) {
        if (command.length < 4 || response.length < 2) {
            return response;
        }
        int p1 = command[2] & 0xFF;
        int p2 = command[3] & 0xFF;
        int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        if (ins == INS_SELECT && sw == 0x9000) {
            byte[] data = commandData(command);
            if (p1 == 0x04) {
                selectedAid = data;
                selectedFile = -1;
            } else if (p1 == 0x02 && data.length == 2) {
                selectedFile = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            }
            return response;
        }
        if (ins != INS_READ_BINARY) {
            return response;
        }
        int fileId = (p1 & 0x80) != 0 ? p1 & 0x1F : selectedFile;
        int offset = (p1 & 0x80) != 0 ? p2 : ((p1 & 0x7F) << 8) | p2;
        if ((p1 & 0x80) != 0 && (sw == 0x9000 || sw == 0x6B00)) {
            selectedFile = fileId;
        }
        for (FaultPlan.ServedFile served : plan.servedFiles()) {
            if (served.matches(selectedAid, fileId) && (sw == 0x9000 || sw == 0x6B00)) {
                response = served.read(offset, expectedLength(command));
                sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
                break;
            }
        }
        int offBy = plan.readBinaryLengthOffBy();
        if (offBy != 0 && sw == 0x9000 && response.length > 2) {
            int dataLength = response.length - 2;
            int newLength = Math.max(1, dataLength + offBy);
            byte[] changed = new byte[newLength + 2];
            System.arraycopy(response, 0, changed, 0, Math.min(dataLength, newLength));
            changed[newLength] = (byte) 0x90;
            changed[newLength + 1] = 0x00;
            return changed;
        }
        return response;
    }

    /** The data of a short or extended command APDU; empty when it has none or cannot be parsed. */
    private static byte[] commandData(byte[] command) {
        try {
            return CommandApdu.parse(command).data();
        } catch (RuntimeException | jp.madoguchi.card.apdu.MalformedApduException e) {
            return new byte[0];
        }
    }

    /** Ne of a command APDU (256 when absent or unparsable). */
    private static int expectedLength(byte[] command) {
        try {
            int ne = CommandApdu.parse(command).ne();
            return ne > 0 ? ne : 256;
        } catch (RuntimeException | jp.madoguchi.card.apdu.MalformedApduException e) {
            return 256;
        }
    }

    /** Takes the card out now, outside any APDU (or while a command hangs: it gives up). */
    public synchronized void removeNow() {
        if (present) {
            present = false;
            card.powerOff();
            notifyAll();
        }
    }

    /**
     * Puts the card back and powers it on; its PIN counters are what they were. What it had selected
     * is forgotten, and a {@link FaultPlan.Builder#moreDataForever} loop ends.
     */
    public synchronized void reinsert() {
        if (!present) {
            present = true;
            selectedAid = null;
            selectedFile = -1;
            moreDataForever = false;
            card.powerOn();
        }
    }

    /** Whether the card is in the reader. */
    public synchronized boolean isPresent() {
        return present;
    }

    /** APDUs sent through this card so far, the ones that failed included. */
    public synchronized int apduCount() {
        return apduCount;
    }

    /** Faults that have not fired yet. */
    public synchronized List<FaultPlan.Fault> pendingFaults() {
        return List.copyOf(pending);
    }

    /** The wrapped card. */
    public VirtualCard wrappedCard() {
        return card;
    }

    /** The ATR of the wrapped card; check {@link #isPresent()} first, a removed card has none. */
    @Override
    public synchronized byte[] atr() {
        return card.atr();
    }

    /** Powers the wrapped card on; ignored while the card is removed. */
    @Override
    public synchronized void powerOn() {
        if (present) {
            card.powerOn();
        }
    }

    @Override
    public synchronized void powerOff() {
        selectedAid = null;
        selectedFile = -1;
        moreDataForever = false;
        card.powerOff();
    }

    /** Resets the wrapped card; ignored while the card is removed. */
    @Override
    public synchronized void reset() {
        if (present) {
            selectedAid = null;
            selectedFile = -1;
            moreDataForever = false;
            card.reset();
        }
    }

    private void delay() throws CardException {
        long millis = plan.delayPerApdu().toMillis();
        int nanos = plan.delayPerApdu().toNanosPart() % 1_000_000;
        if (millis == 0 && nanos == 0) {
            return;
        }
        try {
            Thread.sleep(millis, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException(CardError.COMMUNICATION, "interrupted while waiting for the slow card", e);
        }
    }

    private static byte[] damage(byte[] response, FaultPlan.Fault fault) {
        int dataLength = Math.max(0, response.length - 2);
        if (fault instanceof FaultPlan.Fault.TruncateResponse truncate) {
            return Arrays.copyOf(response, Math.min(truncate.keepBytes(), response.length));
        }
        if (fault instanceof FaultPlan.Fault.TruncateData truncate && response.length >= 2) {
            int keep = Math.min(truncate.keepDataBytes(), dataLength);
            byte[] cut = Arrays.copyOf(response, keep + 2);
            cut[keep] = response[response.length - 2];
            cut[keep + 1] = response[response.length - 1];
            return cut;
        }
        if (fault instanceof FaultPlan.Fault.GarbleData garble && garble.dataIndex() < dataLength) {
            byte[] garbled = response.clone();
            garbled[garble.dataIndex()] ^= (byte) 0xFF;
            return garbled;
        }
        return response;
    }

    private static CardException removed() {
        return new CardException(CardError.CARD_REMOVED, "the card was removed from the reader");
    }

    @Override
    public String toString() {
        return "FaultyCard[" + card + ", present=" + present + "]";
    }
}

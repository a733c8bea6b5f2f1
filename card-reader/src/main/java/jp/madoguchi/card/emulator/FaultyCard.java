package jp.madoguchi.card.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;

/**
 * A {@link VirtualCard} that passes APDUs to another one and injects the faults of a
 * {@link FaultPlan}: card removal (mid-read, mid-signature), cut or garbled responses, a slow
 * card. It is how tests prove the reader copes with real-world failures.
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
        }
        byte[] response = card.transmit(command);
        for (FaultPlan.Fault fault : firing) {
            response = damage(response, fault);
        }
        return response;
    }

    /** Takes the card out now, outside any APDU. */
    public synchronized void removeNow() {
        if (present) {
            present = false;
            card.powerOff();
        }
    }

    /** Puts the card back and powers it on; its PIN counters are what they were. */
    public synchronized void reinsert() {
        if (!present) {
            present = true;
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
        card.powerOff();
    }

    /** Resets the wrapped card; ignored while the card is removed. */
    @Override
    public synchronized void reset() {
        if (present) {
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

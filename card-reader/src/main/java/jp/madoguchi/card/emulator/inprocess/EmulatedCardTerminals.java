package jp.madoguchi.card.emulator.inprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * One context's view of the emulated readers. {@link #waitForChange(long)} returns as soon as
 * anything changed since this view's previous call (or its creation); {@code CARD_INSERTION} and
 * {@code CARD_REMOVAL} report what happened between the last two calls, as the JDK documents.
 * Thread-safe, like everything of {@link EmulatedTerminals}.
 */
final class EmulatedCardTerminals extends CardTerminals {
    private final EmulatedTerminals owner;
    private final long epoch;
    // guarded by owner.lock
    private long seenGeneration;
    private Map<String, long[]> countsBefore = new HashMap<>();
    private Map<String, long[]> countsAtLastWait = new HashMap<>();

    EmulatedCardTerminals(EmulatedTerminals owner, long epoch, long generation) {
        this.owner = owner;
        this.epoch = epoch;
        this.seenGeneration = generation;
        this.countsAtLastWait = countsLocked();
        this.countsBefore = countsAtLastWait;
    }

    @Override
    public List<CardTerminal> list(State state) throws CardException {
        if (state == null) {
            throw new NullPointerException("state");
        }
        synchronized (owner.lock) {
            owner.checkContextLocked(epoch);
            List<CardTerminal> result = new ArrayList<>();
            for (EmulatedTerminals.Slot slot : owner.slotsLocked()) {
                boolean present = slot.card != null;
                boolean include = switch (state) {
                    case ALL -> true;
                    case CARD_PRESENT -> present;
                    case CARD_ABSENT -> !present;
                    case CARD_INSERTION -> increased(slot.name, 0);
                    case CARD_REMOVAL -> increased(slot.name, 1);
                };
                if (include) {
                    result.add(new EmulatedCardTerminal(owner, this, slot.name));
                }
            }
            return result;
        }
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
        // hold the lock from the change seen to the state recorded (wait() releases it meanwhile)
        synchronized (owner.lock) {
            boolean changed = owner.await(() -> {
                owner.checkContextLocked(epoch);
                return owner.generationLocked() != seenGeneration;
            }, timeout, "a change");
            if (!changed) {
                return false;
            }
            owner.checkContextLocked(epoch);
            seenGeneration = owner.generationLocked();
            countsBefore = countsAtLastWait;
            countsAtLastWait = countsLocked();
            return true;
        }
    }

    boolean isValidLocked() {
        try {
            owner.checkContextLocked(epoch);
            return true;
        } catch (CardException e) {
            return false;
        }
    }

    long epoch() {
        return epoch;
    }

    private boolean increased(String name, int index) {
        long[] before = countsBefore.getOrDefault(name, new long[2]);
        long[] after = countsAtLastWait.getOrDefault(name, new long[2]);
        return after[index] > before[index];
    }

    private Map<String, long[]> countsLocked() {
        Map<String, long[]> counts = new HashMap<>();
        for (EmulatedTerminals.Slot slot : owner.slotsLocked()) {
            counts.put(slot.name, new long[] {slot.insertion, slot.removals});
        }
        return counts;
    }

    @Override
    public String toString() {
        return "EmulatedCardTerminals[context " + epoch + "]";
    }
}

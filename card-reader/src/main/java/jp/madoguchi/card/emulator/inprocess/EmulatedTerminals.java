package jp.madoguchi.card.emulator.inprocess;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import jp.madoguchi.card.emulator.VirtualCard;

/**
 * Card readers inside this JVM, holding {@link VirtualCard}s, behind the standard
 * {@code javax.smartcardio} API: code written against it (the reader watcher, the PC/SC transport,
 * the card service) runs with no pcscd at all. The demo mode and unit tests use it.
 *
 * <pre>{@code
 * EmulatedTerminals readers = new EmulatedTerminals();
 * readers.insert("Emulated Reader 0", card);       // the reader appears with the card in it
 * TerminalFactory factory = readers.factory();     // what production code gets instead of PC/SC
 * readers.remove("Emulated Reader 0");             // the card is pulled out
 * }</pre>
 *
 * <p>It behaves like pcscd where the difference matters to callers: inserting powers the card on and
 * removing powers it off; a {@code Card} handle from before a removal fails with
 * {@code SCARD_W_REMOVED_CARD}; {@code disconnect(true)} resets the card; {@code waitForChange}
 * wakes on every insertion, removal, reader change and service change. {@link #stopService()} and
 * {@link #startService()} simulate pcscd stopping and restarting: while stopped,
 * {@code terminals()} fails with {@code SCARD_E_NO_SERVICE}, and, as with a real restart, every
 * {@code CardTerminals} and {@code Card} obtained before keeps failing afterwards. Errors name the
 * PC/SC constants in their messages, like the JDK's provider does. If a card's {@code transmit}
 * throws {@code CardException(CARD_REMOVED)}, the card is taken out of its reader.
 *
 * <p>Thread-safety: thread-safe. Commands to one card are serialized; the card is never called
 * concurrently.
 */
public final class EmulatedTerminals {
    /** The {@link TerminalFactory#getType() type} of the factory. */
    public static final String TYPE = "Emulated";

    final Object lock = new Object();

    /** A condition that is checked while holding {@link #lock}; it may throw to end the wait. */
    @FunctionalInterface
    interface LockedCondition {
        boolean holds() throws javax.smartcardio.CardException;
    }

    /**
     * Waits on {@link #lock} until {@code condition} holds or {@code timeoutMillis} have passed
     * (0: no limit), the way javax.smartcardio's waits count time. Takes the lock itself.
     *
     * @return whether the condition holds (false: timed out)
     */
    boolean await(LockedCondition condition, long timeoutMillis, String what) throws javax.smartcardio.CardException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeoutMillis);
        }
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (lock) {
            while (!condition.holds()) {
                long left = timeoutMillis == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000;
                if (timeoutMillis != 0 && left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new javax.smartcardio.CardException("SCARD_E_CANCELLED: interrupted while waiting for " + what, e);
                }
            }
            return true;
        }
    }
    // guarded by lock
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private long generation;
    private long serviceEpoch;
    private boolean serviceRunning = true;

    /** Made on first use: the first {@code TerminalFactory} of a JVM initializes javax.smartcardio's default PC/SC
     *  provider (about 8 ms of the booth's demo start, before its first frame, where no reader is needed yet). */
    private TerminalFactory factory; // guarded by this

    public EmulatedTerminals() {
    }

    /** The factory to give to code that would otherwise use PC/SC. */
    public synchronized TerminalFactory factory() {
        if (factory == null) {
            Provider provider = new EmulatedProvider(this);
            try {
                factory = TerminalFactory.getInstance(TYPE, null, provider);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("own provider does not offer its factory", e);
            }
        }
        return factory;
    }

    /** Adds an empty reader (like plugging one in). No effect if it exists. */
    public void attachReader(String readerName) {
        Objects.requireNonNull(readerName, "readerName");
        synchronized (lock) {
            if (!slots.containsKey(readerName)) {
                slots.put(readerName, new Slot(readerName));
                changed();
            }
        }
    }

    /** Unplugs a reader, pulling its card out first. No effect if it does not exist. */
    public void detachReader(String readerName) {
        Slot slot;
        VirtualCard removed;
        synchronized (lock) {
            slot = slots.get(readerName);
            if (slot == null) {
                return;
            }
            removed = takeOutLocked(slot);
            slots.remove(readerName);
            changed();
        }
        powerOff(slot, removed);
    }

    /**
     * Inserts {@code card} into the reader, attaching the reader if needed, and powers it on.
     *
     * @throws IllegalStateException when a card is already in that reader
     */
    public void insert(String readerName, VirtualCard card) {
        Objects.requireNonNull(readerName, "readerName");
        Objects.requireNonNull(card, "card");
        synchronized (lock) {
            Slot slot = slots.computeIfAbsent(readerName, Slot::new);
            if (slot.card != null) {
                throw new IllegalStateException("a card is already in " + readerName);
            }
            card.powerOn();
            slot.card = card;
            slot.insertion++;
            changed();
        }
    }

    /** Pulls the card out of the reader (it loses power). No effect if there is none. */
    public void remove(String readerName) {
        Slot slot;
        VirtualCard removed;
        synchronized (lock) {
            slot = slots.get(readerName);
            if (slot == null || slot.card == null) {
                return;
            }
            removed = takeOutLocked(slot);
            changed();
        }
        powerOff(slot, removed);
    }

    /** Whether a card is in that reader. */
    public boolean isCardPresent(String readerName) {
        synchronized (lock) {
            Slot slot = slots.get(readerName);
            return slot != null && slot.card != null;
        }
    }

    /** The readers' names, in the order they were attached. */
    public List<String> readerNames() {
        synchronized (lock) {
            return new ArrayList<>(slots.keySet());
        }
    }

    /** Simulates pcscd stopping: every context fails until {@link #startService()}. */
    public void stopService() {
        synchronized (lock) {
            if (serviceRunning) {
                serviceRunning = false;
                changed();
            }
        }
    }

    /** Simulates pcscd starting again; contexts from before stay dead, as with a real restart. */
    public void startService() {
        synchronized (lock) {
            if (!serviceRunning) {
                serviceRunning = true;
                serviceEpoch++;
                changed();
            }
        }
    }

    // ---- used by the javax.smartcardio classes of this package ----

    /** A new context, or {@code SCARD_E_NO_SERVICE} (unchecked, as jnasmartcardio does). */
    CardTerminals newContext() {
        synchronized (lock) {
            if (!serviceRunning) {
                throw new IllegalStateException("SCARD_E_NO_SERVICE: the emulated PC/SC service is stopped");
            }
            return new EmulatedCardTerminals(this, serviceEpoch, generation);
        }
    }

    /** Throws {@code SCARD_E_NO_SERVICE} unless the context of {@code epoch} is still valid. Needs lock. */
    void checkContextLocked(long epoch) throws javax.smartcardio.CardException {
        if (!serviceRunning || epoch != serviceEpoch) {
            throw new javax.smartcardio.CardException("SCARD_E_NO_SERVICE: the emulated PC/SC service "
                    + (serviceRunning ? "was restarted; this context is no longer valid" : "is stopped"));
        }
    }

    Slot slotLocked(String readerName) {
        return slots.get(readerName);
    }

    List<Slot> slotsLocked() {
        return new ArrayList<>(slots.values());
    }

    long generationLocked() {
        return generation;
    }

    /** Called by a card handle whose card reported being pulled out mid-command. */
    void pulledOut(Slot slot, long insertion) {
        VirtualCard removed = null;
        synchronized (lock) {
            if (slot.card != null && slot.insertion == insertion && slots.get(slot.name) == slot) {
                removed = takeOutLocked(slot);
                changed();
            }
        }
        powerOff(slot, removed);
    }

    /** Empties the slot; returns the card that was in it. Needs lock. */
    private static VirtualCard takeOutLocked(Slot slot) {
        VirtualCard removed = slot.card;
        if (removed != null) {
            slot.card = null;
            slot.removals++;
        }
        return removed;
    }

    /**
     * A card out of its reader has no power. Called without {@link #lock} and under the slot's
     * command lock, so the card is never called concurrently; lock order is always command lock,
     * then {@link #lock}.
     */
    private static void powerOff(Slot slot, VirtualCard removed) {
        if (removed != null) {
            removed.pulledOut(); // first, without the command lock: a command stuck in the card ends
            synchronized (slot.commandLock) {
                removed.powerOff();
            }
        }
    }

    private void changed() {
        generation++;
        lock.notifyAll();
    }

    /** One reader. Fields guarded by the owner's lock; {@link #commandLock} serializes commands. */
    static final class Slot {
        final String name;
        final Object commandLock = new Object();
        VirtualCard card;
        long insertion;
        long removals;

        Slot(String name) {
            this.name = name;
        }
    }

    /** A security provider offering exactly this instance's factory. */
    private static final class EmulatedProvider extends Provider {
        private static final long serialVersionUID = 1L;

        EmulatedProvider(EmulatedTerminals owner) {
            super("MadoguchiEmulatedTerminals", "1.0", "In-process card readers holding virtual cards");
            // a Service that builds the SPI itself: no reflection, and the SPI stays package-private
            putService(new Service(this, "TerminalFactory", TYPE, EmulatedTerminalFactorySpi.class.getName(),
                    null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new EmulatedTerminalFactorySpi(owner);
                }
            });
        }
    }
}

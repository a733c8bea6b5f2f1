package jp.madoguchi.hq.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The residents waiting for a clerk, one queue per department. The procedure's routing key (e.g.
 * {@code citizens}, {@code tax}) decides the queue through a configurable table. Within a queue,
 * priority-assistance calls go first, then the longest-waiting. {@link #answerNext} hands a call to
 * exactly one clerk even when several press at the same moment: every method is synchronized on
 * this queue, so a call is removed and returned in one step.
 */
public final class CallQueue {
    /** Used for a wait estimate until calls have been answered and timed. */
    static final Duration DEFAULT_HANDLING_TIME = Duration.ofMinutes(4);

    private final Clock clock;
    private final Map<String, String> queueOfRouting;
    private final String fallbackQueue;
    private final Map<String, List<WaitingCall>> queues = new LinkedHashMap<>();
    private final Map<String, WaitingCall> byId = new HashMap<>();
    private Duration averageHandlingTime = DEFAULT_HANDLING_TIME;
    /** Told after every change of the waiting calls (see {@link #onChange}). */
    private volatile Runnable changeListener = () -> { };
    /** Told of every call that left the queue unanswered (see {@link #onEnded}). */
    private volatile EndListener endListener = (call, reason) -> { };
    /** Order of arrival: two calls in the same clock tick are still first come, first served. */
    private long arrivals;

    /** A resident waiting, as the queue and the clerk console see it. Contains no personal data. */
    public record WaitingCall(String callId, String queue, String routing, String procedureId, String boothId,
            boolean priority, String reference, Instant since, long arrival) {
        public Duration waiting(Instant now) {
            return Duration.between(since, now);
        }
    }

    /** Where a new call stands: 1 = next. */
    public record Ticket(String callId, String queue, int position, Duration estimatedWait) {
    }

    /**
     * @param queueOfRouting procedure id or routing key → queue (department) name; a procedure's
     *     own entry wins over its routing key's, and what neither names goes to
     *     {@code fallbackQueue}, so a new procedure is never lost for want of a table entry
     */
    public CallQueue(Clock clock, Map<String, String> queueOfRouting, String fallbackQueue) {
        this.clock = clock;
        this.queueOfRouting = Map.copyOf(queueOfRouting);
        this.fallbackQueue = Objects.requireNonNull(fallbackQueue);
    }

    /**
     * Runs {@code listener} after every change of the waiting calls (a call added, cancelled or
     * answered), outside this queue's lock, on the thread that made the change: headquarters uses
     * it to tell waiting booths their new positions (hand it to an executor if it does I/O).
     */
    public CallQueue onChange(Runnable listener) {
        this.changeListener = listener;
        return this;
    }

    /** Why a call left the queue without being answered. */
    public enum EndReason {
        /** Its booth cancelled it (the resident left). */
        CANCELLED("cancelled"),
        /** Its booth was declared gone. */
        BOOTH_GONE("booth_gone"),
        /** Removed without its booth asking (e.g. a booth that never opened its presence connection). */
        ABANDONED("abandoned");

        private final String column;

        EndReason(String column) {
            this.column = column;
        }

        /** The value stored in {@code call_log.ended_reason}. */
        public String column() {
            return column;
        }
    }

    /** Told of a call that left the queue unanswered. */
    @FunctionalInterface
    public interface EndListener {
        void ended(WaitingCall call, EndReason reason);
    }

    /**
     * Runs {@code listener} for every call removed unanswered, outside this queue's lock, on the thread that removed
     * it (headquarters logs it in the call log). Exceptions are the listener's own to handle.
     */
    public CallQueue onEnded(EndListener listener) {
        this.endListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public String queueFor(String routing) {
        return queueOfRouting.getOrDefault(routing, fallbackQueue);
    }

    /** The queue of a procedure: its own table entry, else its routing key's, else the fallback. */
    public String queueFor(String routing, String procedureId) {
        String own = procedureId == null ? null : queueOfRouting.get(procedureId);
        return own != null ? own : queueFor(routing);
    }

    public Ticket enqueue(String boothId, String routing, String procedureId, boolean priority, String reference) {
        Ticket ticket;
        synchronized (this) {
            String queue = queueFor(routing, procedureId);
            WaitingCall call = new WaitingCall("call-" + UUID.randomUUID(), queue, routing, procedureId, boothId, priority,
                    reference, clock.instant(), ++arrivals);
            List<WaitingCall> waiting = queues.computeIfAbsent(queue, q -> new ArrayList<>());
            waiting.add(call);
            waiting.sort(ORDER);
            byId.put(call.callId(), call);
            int position = waiting.indexOf(call) + 1;
            ticket = new Ticket(call.callId(), queue, position, averageHandlingTime.multipliedBy(position));
        }
        changeListener.run();
        return ticket;
    }

    /** Removes a call whose resident left; true if it was waiting. Safe to call twice. */
    public boolean cancel(String callId) {
        WaitingCall removed;
        synchronized (this) {
            removed = remove(callId);
        }
        if (removed != null) {
            changeListener.run();
            endListener.ended(removed, EndReason.ABANDONED);
        }
        return removed != null;
    }

    /** Caller holds the lock. The removed call, or null if it was not waiting. */
    private WaitingCall remove(String callId) {
        WaitingCall call = byId.remove(callId);
        if (call == null) {
            return null;
        }
        queues.get(call.queue()).remove(call);
        return call;
    }

    /** What {@link #cancel(String, String)} did. */
    public enum Cancellation {
        /** The call was waiting and is now removed. */
        CANCELLED,
        /** No such call is waiting (already cancelled, answered, or never existed). */
        NOT_WAITING,
        /** The call is waiting but belongs to another booth: left alone. */
        OTHER_BOOTH
    }

    /**
     * Removes a waiting call on behalf of {@code boothId}, only if that booth placed it: a booth can
     * never cancel another booth's resident. Safe to call twice.
     */
    public Cancellation cancel(String callId, String boothId) {
        WaitingCall call;
        synchronized (this) {
            call = byId.get(callId);
            if (call == null) {
                return Cancellation.NOT_WAITING;
            }
            if (!call.boothId().equals(boothId)) {
                return Cancellation.OTHER_BOOTH;
            }
            remove(callId);
        }
        changeListener.run();
        endListener.ended(call, EndReason.CANCELLED);
        return Cancellation.CANCELLED;
    }

    /** Removes every call of a booth that went away (its resident cannot be answered). */
    public List<WaitingCall> cancelBooth(String boothId) {
        List<WaitingCall> removed = new ArrayList<>();
        synchronized (this) {
            for (WaitingCall call : List.copyOf(byId.values())) {
                if (call.boothId().equals(boothId)) {
                    remove(call.callId());
                    removed.add(call);
                }
            }
        }
        if (!removed.isEmpty()) {
            changeListener.run();
            removed.forEach(call -> endListener.ended(call, EndReason.BOOTH_GONE));
        }
        return removed;
    }

    /** The call a clerk of {@code queue} answers next, removed from the queue; empty if nobody waits. */
    public Optional<WaitingCall> answerNext(String queue) {
        WaitingCall next;
        synchronized (this) {
            List<WaitingCall> waiting = queues.get(queue);
            if (waiting == null || waiting.isEmpty()) {
                return Optional.empty();
            }
            next = waiting.remove(0);
            byId.remove(next.callId());
        }
        changeListener.run();
        return Optional.of(next);
    }

    /**
     * The waiting call {@code callId}, removed from its queue, whichever queue it waits in; empty if it no longer
     * waits (answered by another clerk, cancelled). Atomic like {@link #answerNext}: of clerks choosing the same call
     * at the same moment, exactly one gets it.
     */
    public Optional<WaitingCall> answer(String callId) {
        WaitingCall call;
        synchronized (this) {
            call = remove(callId);
        }
        if (call == null) {
            return Optional.empty();
        }
        changeListener.run();
        return Optional.of(call);
    }

    /**
     * Puts an answered call back in its queue at the place it had (decision 0032): the same call id, its original
     * arrival and {@code since}, so it keeps its priority and its waiting time and goes before calls that came after
     * it, not to the back. Returns its position (1 = next); a call already waiting is left where it is.
     */
    public int requeue(WaitingCall call) {
        Objects.requireNonNull(call, "call");
        int position;
        synchronized (this) {
            if (!byId.containsKey(call.callId())) {
                List<WaitingCall> waiting = queues.computeIfAbsent(call.queue(), q -> new ArrayList<>());
                waiting.add(call);
                waiting.sort(ORDER);
                byId.put(call.callId(), call);
            }
            position = queues.get(call.queue()).indexOf(byId.get(call.callId())) + 1;
        }
        changeListener.run();
        return position;
    }

    /** Position (1 = next) of a waiting call, or empty when it is no longer waiting. */
    public synchronized Optional<Integer> position(String callId) {
        WaitingCall call = byId.get(callId);
        return call == null ? Optional.empty() : Optional.of(queues.get(call.queue()).indexOf(call) + 1);
    }

    /** Every queue with its waiting calls in answer order (for the clerk console). */
    public synchronized Map<String, List<WaitingCall>> snapshot() {
        Map<String, List<WaitingCall>> copy = new LinkedHashMap<>();
        queues.forEach((q, calls) -> copy.put(q, List.copyOf(calls)));
        return copy;
    }

    /**
     * Every queue a clerk may answer: the configured departments, the fallback queue, and any queue
     * that has held a call. (A clerk names a queue by this name, which is not always a routing key.)
     */
    public synchronized java.util.Set<String> queueNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(queueOfRouting.values());
        names.add(fallbackQueue);
        names.addAll(queues.keySet());
        return names;
    }

    /** Teaches the wait estimate how long calls take (an exponential moving average). */
    public synchronized void recordHandlingTime(Duration handled) {
        averageHandlingTime = Duration.ofMillis((averageHandlingTime.toMillis() * 4 + handled.toMillis()) / 5);
    }

    private static final Comparator<WaitingCall> ORDER = Comparator
            .comparing((WaitingCall c) -> !c.priority())
            .thenComparingLong(WaitingCall::arrival);
}

package jp.madoguchi.hq.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The answered calls whose clerk still holds them, and when each clerk last asked headquarters anything: what tells a
 * clerk who went away (console crashed, network cut, laptop shut) from one who is busy talking (decision 0032).
 *
 * <p>A hold starts when a clerk answers a call. It ends normally when the booth leaves {@code in_call} after having
 * joined (the call ended on either side), or when the booth is gone. It is <em>broken</em> when its clerk has not been
 * seen for {@code vanishAfter} (consoles poll the queues every 2 s) or the session that answered it ended (logout):
 * {@link #vanished} and {@link #sessionEnded} hand such holds out, removed, for the caller to put the call back in its
 * queue. Times are passed in, so tests drive them with any clock. Thread-safe (one lock; nothing slow under it).
 * Holds ids only: no resident's data.
 */
public final class HeldCalls {
    /** The default time a clerk holding a call may stay unseen before the call goes back to the queue. */
    public static final Duration DEFAULT_VANISH_AFTER = Duration.ofSeconds(30);

    /** Why a held call went back to the queue; the value is stored in {@code call_returns.reason}. */
    public enum Why {
        /** The clerk sent no request for longer than the vanish time. */
        CLERK_UNSEEN("clerk_unseen"),
        /** The session that answered the call ended (the clerk logged out) while the call was held. */
        SESSION_ENDED("session_ended");

        private final String column;

        Why(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    /**
     * A held call: the call as it waited (so it can go back to its place), the clerk and the answering session (the
     * SHA-256 of its token, never the token), when it was answered, and whether its booth has been in the call.
     */
    public record Hold(CallQueue.WaitingCall call, String clerkId, String sessionHash, Instant answeredAt,
            boolean boothJoined) {
        public Hold {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(clerkId, "clerkId");
            Objects.requireNonNull(sessionHash, "sessionHash");
            Objects.requireNonNull(answeredAt, "answeredAt");
        }

        Hold joined() {
            return new Hold(call, clerkId, sessionHash, answeredAt, true);
        }
    }

    private final Duration vanishAfter;
    private final Map<String, Hold> byCallId = new HashMap<>();
    private final Map<String, Instant> clerkSeen = new HashMap<>();

    public HeldCalls(Duration vanishAfter) {
        Objects.requireNonNull(vanishAfter, "vanishAfter");
        if (vanishAfter.isNegative() || vanishAfter.isZero()) {
            throw new IllegalArgumentException("vanishAfter must be positive");
        }
        this.vanishAfter = vanishAfter;
    }

    public Duration vanishAfter() {
        return vanishAfter;
    }

    /** {@code clerkId}, through the session {@code sessionHash}, answered {@code call} at {@code now}. */
    public synchronized void answered(CallQueue.WaitingCall call, String clerkId, String sessionHash, Instant now) {
        byCallId.put(call.callId(), new Hold(call, clerkId, sessionHash, now, false));
        seen(clerkId, now);
    }

    /** The clerk made a request at {@code now} (any request with a valid session counts). */
    public synchronized void seen(String clerkId, Instant now) {
        clerkSeen.merge(clerkId, now, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The hold of {@code callId}, if a clerk holds it now. */
    public synchronized Optional<Hold> hold(String callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    /** How many calls are held now. */
    public synchronized int size() {
        return byCallId.size();
    }

    /**
     * The booth said it is in {@code state} (its presence {@code hello} or {@code state}): {@code in_call} marks its
     * holds joined; any other state ends the holds it had joined (the call ended). Returns the holds that ended.
     */
    public synchronized List<Hold> boothState(String boothId, boolean inCall) {
        List<Hold> ended = new ArrayList<>();
        for (Iterator<Map.Entry<String, Hold>> it = byCallId.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Hold> entry = it.next();
            Hold hold = entry.getValue();
            if (!hold.call().boothId().equals(boothId)) {
                continue;
            }
            if (inCall) {
                entry.setValue(hold.joined());
            } else if (hold.boothJoined()) {
                it.remove();
                ended.add(hold);
            }
        }
        return ended;
    }

    /** The booth is gone: its holds end (there is nobody to give the call back to). Returns them. */
    public synchronized List<Hold> boothGone(String boothId) {
        return removeWhere(hold -> hold.call().boothId().equals(boothId));
    }

    /** The holds of clerks not seen since {@code now - vanishAfter}, removed. */
    public synchronized List<Hold> vanished(Instant now) {
        Instant unseenSince = now.minus(vanishAfter);
        List<Hold> broken = removeWhere(hold -> clerkSeen.getOrDefault(hold.clerkId(), hold.answeredAt())
                .isBefore(unseenSince));
        forgetClerksWithoutHolds(unseenSince);
        return broken;
    }

    /** The session {@code sessionHash} ended: the calls it answered and still holds, removed. */
    public synchronized List<Hold> sessionEnded(String sessionHash) {
        return removeWhere(hold -> hold.sessionHash().equals(sessionHash));
    }

    /** Caller holds the lock: removes the holds {@code which} matches and returns them. */
    private List<Hold> removeWhere(Predicate<Hold> which) {
        List<Hold> removed = new ArrayList<>();
        byCallId.values().removeIf(hold -> {
            boolean match = which.test(hold);
            if (match) {
                removed.add(hold);
            }
            return match;
        });
        return removed;
    }

    /** Caller holds the lock: clerks unseen for a while and holding nothing need no last-seen time. */
    private void forgetClerksWithoutHolds(Instant unseenSince) {
        clerkSeen.entrySet().removeIf(entry -> entry.getValue().isBefore(unseenSince)
                && byCallId.values().stream().noneMatch(hold -> hold.clerkId().equals(entry.getKey())));
    }
}

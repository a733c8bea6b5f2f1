package jp.madoguchi.hq.api;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.calls.HeldCalls;
import jp.madoguchi.hq.presence.PresenceRegistry;
import jp.madoguchi.hq.store.CallLog;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.PresenceFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a call back to the queue when the clerk holding it went away (decision 0032): their console has sent no
 * request for {@link HeldCalls#vanishAfter()} ({@link #sweep()}, run every few seconds by headquarters) or the
 * session that answered it ended ({@link #sessionEnded}). The call goes back to its old place in its queue with its
 * waiting time and priority, the booth gets {@code call_returned} with its position, and the call log keeps who held
 * it (ids only). A hold ends without this when the booth leaves {@code in_call} after joining, or is gone
 * ({@link #boothState}, {@link #boothGone}, wired to presence). Thread-safe.
 */
public final class VanishedClerks {
    private static final Logger LOG = LoggerFactory.getLogger(VanishedClerks.class);

    private final HeldCalls held;
    private final CallQueue calls;
    private final CallLog callLog;
    private final PresenceRegistry presence;
    private final Clock clock;

    public VanishedClerks(HeldCalls held, CallQueue calls, CallLog callLog, PresenceRegistry presence, Clock clock) {
        this.held = Objects.requireNonNull(held, "held");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.callLog = Objects.requireNonNull(callLog, "callLog");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The calls held now (for tests and the bench: they say how many holds are kept). */
    public HeldCalls held() {
        return held;
    }

    /** Puts back the calls of clerks unseen for too long; returns how many went back. */
    public int sweep() {
        List<HeldCalls.Hold> broken = held.vanished(clock.instant());
        broken.forEach(hold -> giveBack(hold, HeldCalls.Why.CLERK_UNSEEN));
        return broken.size();
    }

    /** The session whose token hashes to {@code sessionHash} ended: the calls it held go back; returns how many. */
    public int sessionEnded(String sessionHash) {
        List<HeldCalls.Hold> broken = held.sessionEnded(sessionHash);
        broken.forEach(hold -> giveBack(hold, HeldCalls.Why.SESSION_ENDED));
        return broken.size();
    }

    /** Presence heard the booth's state (hello or state frame). */
    public void boothState(String boothId, BoothState state) {
        for (HeldCalls.Hold ended : held.boothState(boothId, state == BoothState.IN_CALL)) {
            LOG.debug("call {}: the booth left the call; clerk {} no longer holds it", ended.call().callId(),
                    ended.clerkId());
        }
    }

    /** Presence declared the booth gone. */
    public void boothGone(String boothId) {
        held.boothGone(boothId);
    }

    private void giveBack(HeldCalls.Hold hold, HeldCalls.Why why) {
        CallQueue.WaitingCall call = hold.call();
        try {
            callLog.returned(call.callId(), hold.clerkId(), hold.answeredAt(), clock.instant(), why.column());
        } catch (RuntimeException e) {
            // the resident matters more than the record: the call goes back all the same
            LOG.error("call {} goes back to the queue but the call log could not record it", call.callId(), e);
        }
        int position = calls.requeue(call);
        boolean told = presence.send(call.boothId(), new PresenceFrame.CallReturned(call.callId(), position));
        presence.notifyQueuePositions(calls);
        LOG.warn("call {} of booth {} back in queue {} at position {}: clerk {} {}{}", call.callId(), call.boothId(),
                call.queue(), position, hold.clerkId(),
                why == HeldCalls.Why.CLERK_UNSEEN ? "unseen for more than " + held.vanishAfter().toSeconds() + " s"
                        : "logged out while holding it",
                told ? "" : " (the booth is offline and was not told)");
    }
}

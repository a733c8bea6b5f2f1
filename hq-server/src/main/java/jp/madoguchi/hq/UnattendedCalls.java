package jp.madoguchi.hq;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.presence.PresenceRegistry;

/**
 * Calls nobody can answer: a booth that queued a call but never opened its presence WebSocket is
 * never declared gone by presence (presence only knows booths that connected), so its call would
 * wait in the clerks' queue for ever. Such calls are removed once they have waited longer than a
 * connected booth may stay silent. Calls of booths presence knows are left to presence.
 */
final class UnattendedCalls {
    private UnattendedCalls() {
    }

    /** Removes and returns the calls of booths presence has never seen that waited longer than {@code patience}. */
    static List<CallQueue.WaitingCall> sweep(CallQueue calls, PresenceRegistry presence, Duration patience, Instant now) {
        Set<String> known = presence.snapshot().stream().map(PresenceRegistry.BoothPresence::boothId)
                .collect(Collectors.toSet());
        List<CallQueue.WaitingCall> removed = new ArrayList<>();
        for (List<CallQueue.WaitingCall> queue : calls.snapshot().values()) {
            for (CallQueue.WaitingCall call : queue) {
                if (!known.contains(call.boothId()) && call.waiting(now).compareTo(patience) > 0
                        && calls.cancel(call.callId())) {
                    removed.add(call);
                }
            }
        }
        return removed;
    }
}

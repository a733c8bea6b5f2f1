package jp.madoguchi.kiosk.hq;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.kiosk.store.Outbox;

/**
 * The link of a booth that is not enrolled: it has no credentials, so it never connects; it reports itself offline
 * with what the outbox holds (kept for a later enrolment), and refuses calls as "unreachable". The booth starts on it
 * and shows "not enrolled yet" instead of failing to start. Thread-safe (no state of its own).
 */
public final class NotEnrolledLink implements HeadquartersLink {
    private final Outbox outbox;

    public NotEnrolledLink(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void start() {
    }

    @Override
    public LinkStatus status() {
        int waiting;
        try {
            waiting = outbox == null ? 0 : outbox.size();
        } catch (RuntimeException e) {
            waiting = 0;
        }
        return new LinkStatus(false, waiting, Optional.empty());
    }

    @Override
    public void addListener(HqLinkListener listener) {
    }

    @Override
    public void removeListener(HqLinkListener listener) {
    }

    @Override
    public void deliverNow() {
    }

    @Override
    public CompletableFuture<CallTicket> requestCall(CallRequest request) {
        return CompletableFuture.failedFuture(new HqUnavailableException(HqUnavailableException.Reason.UNREACHABLE,
                "this booth is not enrolled", 0, null, null));
    }

    @Override
    public CompletableFuture<Void> cancelCall(String callId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void boothState(BoothState state) {
    }

    @Override
    public void close() {
    }
}

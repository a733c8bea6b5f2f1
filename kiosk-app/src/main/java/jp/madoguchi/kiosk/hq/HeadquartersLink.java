package jp.madoguchi.kiosk.hq;

import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;

import java.util.concurrent.CompletableFuture;

/**
 * The booth's one link to headquarters (hq-link underneath): the outbox sender, the presence channel and
 * call requests. The journey talks only to this port, so its tests use a fake and the booth runs on
 * when headquarters is unreachable.
 *
 * <p>Thread-safe; nothing blocks the caller. Listeners are called on the link's own thread and must hand
 * work over to their own executor.
 */
public interface HeadquartersLink extends AutoCloseable {

    /** Starts the presence channel and the outbox sender (delivering what an earlier run left behind). */
    void start();

    /** Reachable, and signed applications still waiting in the outbox. */
    LinkStatus status();

    void addListener(HqLinkListener listener);

    void removeListener(HqLinkListener listener);

    /**
     * The outbox has a new entry: try to deliver now instead of at the next retry. Delivery itself is
     * reported through {@link HqLinkListener#delivered}; an entry is sent with its own idempotency key
     * until headquarters confirms it, and then deleted from the outbox, so it is delivered exactly once.
     */
    void deliverNow();

    /**
     * Asks headquarters for a clerk. Fails with {@link jp.madoguchi.hqlink.client.HqUnavailableException}
     * when headquarters cannot be reached (the caller shows the booth's "headquarters unreachable" screen),
     * {@link jp.madoguchi.hqlink.client.HqRejectedException} when it refuses.
     */
    CompletableFuture<CallTicket> requestCall(CallRequest request);

    /** Leaves the queue (the resident cancelled or left); best effort. */
    CompletableFuture<Void> cancelCall(String callId);

    /** Tells headquarters what the booth is doing (idle, with a resident, in a call). */
    void boothState(jp.madoguchi.hqlink.message.BoothState state);

    @Override
    void close();
}

package jp.madoguchi.kiosk.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import jp.madoguchi.kiosk.hq.HeadquartersLink;
import jp.madoguchi.kiosk.hq.HqLinkListener;
import jp.madoguchi.kiosk.hq.LinkStatus;
import jp.madoguchi.kiosk.store.Outbox;
import jp.madoguchi.kiosk.store.OutboxEntry;

/**
 * Headquarters in a test: a {@link HeadquartersLink} over the booth's real {@link Outbox}. Online, it
 * "delivers" the outbox's entries on {@link #deliverNow()} (reads the Submission JSON, gives each a
 * headquarters reference, confirms the entry so the outbox deletes it, and tells the listeners); offline,
 * entries stay and call requests fail. Tests answer calls, move the queue and send decisions as a clerk
 * would. Listeners are called on the thread of the method that caused the event (the test's or the
 * journey's). Thread-safe.
 */
public final class FakeHeadquartersLink implements HeadquartersLink {

    /** A request failed because the fake is offline (hq-link's own exception cannot be made outside it). */
    public static final class OfflineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public OfflineException() {
            super("headquarters unreachable (fake offline)");
        }
    }

    /** One confirmed outbox entry: what headquarters received. */
    public record Delivery(String boothReference, String idempotencyKey, Submission submission, String hqReference) {
    }

    private final Outbox outbox;
    private final List<HqLinkListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<CallRequest> callRequests = new CopyOnWriteArrayList<>();
    private final List<CallTicket> tickets = new CopyOnWriteArrayList<>();
    private final List<String> cancelledCalls = new CopyOnWriteArrayList<>();
    private final List<BoothState> boothStates = new CopyOnWriteArrayList<>();
    private final AtomicInteger deliverNowCalls = new AtomicInteger();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile boolean online = true;
    private volatile boolean holdDeliveries;
    private volatile String refusal;
    private volatile boolean started;
    private volatile boolean closed;

    public FakeHeadquartersLink(Outbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    // ---------------------------------------------------------------- the port

    @Override
    public void start() {
        started = true;
        deliverPending();
    }

    @Override
    public LinkStatus status() {
        return new LinkStatus(online, outbox.size(), online ? Optional.of(Instant.now()) : Optional.empty());
    }

    @Override
    public void addListener(HqLinkListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(HqLinkListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void deliverNow() {
        deliverNowCalls.incrementAndGet();
        if (!holdDeliveries) {
            deliverPending();
        }
    }

    @Override
    public CompletableFuture<CallTicket> requestCall(CallRequest request) {
        if (!online) {
            return CompletableFuture.failedFuture(new OfflineException());
        }
        callRequests.add(request);
        CallTicket ticket = new CallTicket("call-" + counter.incrementAndGet(), 2, 120);
        tickets.add(ticket);
        return CompletableFuture.completedFuture(ticket);
    }

    @Override
    public CompletableFuture<Void> cancelCall(String callId) {
        cancelledCalls.add(callId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void boothState(BoothState state) {
        boothStates.add(state);
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---------------------------------------------------------------- the test's controls

    /** Headquarters becomes unreachable: entries stay in the outbox, call requests fail. */
    public void goOffline() {
        online = false;
        tellLink();
    }

    /** Headquarters answers again: what waits in the outbox is delivered. */
    public void goOnline() {
        online = true;
        tellLink();
        deliverPending();
    }

    /** While held, {@link #deliverNow()} delivers nothing (headquarters is slow); {@link #deliverPending()} still does. */
    public void holdDeliveries(boolean hold) {
        holdDeliveries = hold;
    }

    /** From now on headquarters refuses every entry for good with {@code errorCode} (null: accepts again). */
    public void refuseDeliveries(String errorCode) {
        refusal = errorCode;
    }

    /** Delivers every entry in the outbox (when online), each exactly once; or refuses them (they stay). */
    public synchronized void deliverPending() {
        if (!online) {
            return;
        }
        for (OutboxEntry entry : outbox.pending()) {
            String refused = refusal;
            if (refused != null) {
                listeners.forEach(l -> l.refused(entry.reference(), refused));
                continue;
            }
            Submission submission;
            try {
                submission = ProtocolJson.read(entry.payload(), Submission.class);
            } catch (ProtocolException e) {
                throw new AssertionError("the outbox entry " + entry.reference() + " is not a Submission JSON", e);
            }
            String hqReference = "20261123-HQ" + String.format("%04d", counter.incrementAndGet());
            deliveries.add(new Delivery(entry.reference(), entry.idempotencyKey(), submission, hqReference));
            outbox.confirmDelivered(entry.id());
            SubmissionReceipt receipt = new SubmissionReceipt(hqReference, ApplicationStatus.values()[0], List.of(),
                    Instant.parse("2026-11-23T09:00:00Z"));
            for (HqLinkListener listener : listeners) {
                listener.delivered(entry.reference(), receipt);
            }
        }
        tellLink();
    }

    /** A clerk answers the last call requested: the booth joins {@code room}. */
    public void answerCall(String room) {
        CallTicket ticket = lastTicket();
        PresenceFrame.CallAnswered answered = new PresenceFrame.CallAnswered(ticket.callId(), room, "test-jwt",
                "meet.example.test");
        listeners.forEach(l -> l.callAnswered(answered));
    }

    /** The clerk of the last call went away: headquarters put the call back in its queue at {@code position}. */
    public void returnCall(int position) {
        returnCall(lastTicket().callId(), position);
    }

    /** A call_returned frame for the call {@code callId}, whichever it is. */
    public void returnCall(String callId, int position) {
        PresenceFrame.CallReturned frame = new PresenceFrame.CallReturned(callId, position);
        listeners.forEach(l -> l.callReturned(frame));
    }

    /** The last call moved in its queue. */
    public void queuePosition(int position) {
        PresenceFrame.QueuePosition frame = new PresenceFrame.QueuePosition(lastTicket().callId(), position);
        listeners.forEach(l -> l.queuePosition(frame));
    }

    /** A clerk decides on the last delivered application. */
    public void sendDecision(Outcome outcome, String message) {
        Delivery last = deliveries.get(deliveries.size() - 1);
        PresenceFrame.Decision decision = new PresenceFrame.Decision(last.hqReference(), outcome, message);
        listeners.forEach(l -> l.decision(decision));
    }

    /** The clerk of the last call shows {@code text} and/or a picture (base64 and type; "" for none) on the booth. */
    public void clerkShows(String text, String imageBase64, String imageType) {
        clerkShows(lastTicket().callId(), text, imageBase64, imageType);
    }

    /** A clerk_shows frame for the call {@code callId}, whichever it is. */
    public void clerkShows(String callId, String text, String imageBase64, String imageType) {
        PresenceFrame.ClerkShows frame = new PresenceFrame.ClerkShows(callId, text, imageBase64, imageType);
        listeners.forEach(l -> l.clerkShows(frame));
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<CallRequest> callRequests() {
        return List.copyOf(callRequests);
    }

    public List<String> cancelledCalls() {
        return List.copyOf(cancelledCalls);
    }

    public List<BoothState> boothStates() {
        return List.copyOf(boothStates);
    }

    public int deliverNowCalls() {
        return deliverNowCalls.get();
    }

    public boolean isStarted() {
        return started;
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean isOnline() {
        return online;
    }

    private CallTicket lastTicket() {
        List<CallTicket> all = new ArrayList<>(tickets);
        if (all.isEmpty()) {
            throw new IllegalStateException("no call was requested");
        }
        return all.get(all.size() - 1);
    }

    private void tellLink() {
        LinkStatus status = status();
        listeners.forEach(l -> l.linkChanged(status));
    }
}

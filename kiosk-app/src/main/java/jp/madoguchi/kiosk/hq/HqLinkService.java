package jp.madoguchi.kiosk.hq;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.client.PresenceChannel;
import jp.madoguchi.hqlink.client.RetryPolicy;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ProtocolException;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.AuditTrail;
import jp.madoguchi.kiosk.store.Outbox;
import jp.madoguchi.kiosk.store.OutboxEntry;
import jp.madoguchi.kiosk.store.OutboxEntryUnreadableException;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HeadquartersLink} over hq-link: the outbox sender, the presence channel and call requests.
 *
 * <p><b>Outbox payload.</b> An outbox entry's payload is the JSON of an hq-link {@link Submission}, written
 * with {@link ProtocolJson#writeBytes} (see {@link #outboxPayload}); the entry's idempotency key is the one
 * sent as {@code Idempotency-Key} on every attempt.
 *
 * <p><b>Sender.</b> One thread ({@code hq-outbox}) delivers rounds: on {@link #start()}, on
 * {@link #deliverNow()}, when the presence channel comes back online, and every {@code outbox.retry.seconds}
 * while entries wait. A round sends the entries oldest first:
 * <ul>
 * <li>a receipt: the entry is deleted ({@link Outbox#confirmDelivered}), audited ({@code OUTBOX_DELIVERED}
 *     with the booth's reference, {@code OUTBOX_HQ_REFERENCE} with headquarters' right after it) and
 *     listeners hear {@link HqLinkListener#delivered}; a receipt whose signature checks failed is still a
 *     delivery (headquarters stored it and a clerk sees why);</li>
 * <li>headquarters unreachable (after hq-link's own retries): the attempt is recorded ({@code hq.<reason>})
 *     and the round stops, so the order is kept;</li>
 * <li>headquarters refuses the entry itself ({@link #PERMANENT_REFUSALS}, or the payload is not a
 *     Submission): the attempt is recorded as {@code refused.<code>}, audited ({@code OUTBOX_REFUSED}),
 *     listeners hear {@link HqLinkListener#refused}, and the round moves on. An entry whose last error starts
 *     with {@code refused.} is never sent again automatically: it stays in the outbox for IT staff (the
 *     mark survives a restart, because it is the outbox row's own last error);</li>
 * <li>headquarters refuses the booth ({@code booth_revoked}, {@code unauthorized}, 401, 403): recorded,
 *     and the round stops (every entry would get the same answer);</li>
 * <li>any other refusal (a code this booth does not know): recorded, the round moves on, and the entry is
 *     tried again next round.</li>
 * </ul>
 * Exactly once: an entry is deleted only after headquarters' receipt; a crash between the receipt and the
 * deletion resends it with the same key, and headquarters answers with the same receipt.
 *
 * <p>Listeners are called on the sender's thread (deliveries) and on the presence channel's thread (frames,
 * online/offline); a listener that throws is logged and the others still hear. Thread-safe.
 */
public final class HqLinkService implements HeadquartersLink {
    private static final Logger log = LoggerFactory.getLogger(HqLinkService.class);

    /** Headquarters' codes that refuse this entry for good: resending the same bytes gets the same answer. */
    public static final Set<String> PERMANENT_REFUSALS = Set.of(ErrorCodes.BAD_REQUEST, ErrorCodes.UNSUPPORTED_VERSION,
            ErrorCodes.TOO_LARGE, ErrorCodes.IDEMPOTENCY_KEY_REUSED);
    /** Codes that refuse the booth, not the entry: the round stops. */
    static final Set<String> BOOTH_REFUSALS = Set.of(ErrorCodes.BOOTH_REVOKED, ErrorCodes.UNAUTHORIZED,
            "http_401", "http_403");
    /** The prefix of an outbox entry's last error that marks it refused for good. */
    public static final String REFUSED_MARK = "refused.";
    /** The code used when the payload is not a Submission (the booth wrote it wrong). */
    public static final String UNREADABLE_PAYLOAD = "booth_payload_malformed";

    private final HqClient client;
    private final PresenceChannel presence;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService sender;
    private final ExecutorService calls;
    private final List<HqLinkListener> listeners = new CopyOnWriteArrayList<>();

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean online;
    private volatile int pending;
    private final AtomicReference<Instant> lastContact = new AtomicReference<>();
    private volatile BoothState boothState = BoothState.IDLE;
    private LinkStatus lastReported = new LinkStatus(false, 0, Optional.empty());

    // confined to the sender thread
    private ScheduledFuture<?> retry;
    private long unreadableReported = -1;

    private HqLinkService(Builder builder) {
        HqTransport transport = HqTransport.builder(builder.hqUrl, builder.credentials.tls())
                .retryPolicy(builder.retryPolicy)
                .connectTimeout(builder.connectTimeout)
                .requestTimeout(builder.requestTimeout)
                .build();
        this.client = new HqClient(transport);
        this.outbox = builder.outbox;
        this.audit = builder.audit;
        this.settings = builder.settings;
        this.clock = builder.clock;
        PresenceChannel.Builder presenceBuilder = PresenceChannel.builder(transport, new PresenceListener())
                .pingInterval(builder.pingInterval)
                .pongTimeout(builder.pongTimeout)
                .reconnectBackoff(builder.reconnectInitial, builder.reconnectMax);
        if (builder.startedAt != null) {
            presenceBuilder.announceStart(builder.startedAt, builder.afterUncleanStop);
        }
        this.presence = presenceBuilder.build();
        java.util.concurrent.ScheduledThreadPoolExecutor outboxThread =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, named("hq-outbox"));
        // close() must not wait for the next retry round
        outboxThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        outboxThread.setRemoveOnCancelPolicy(true);
        this.sender = outboxThread;
        this.calls = Executors.newSingleThreadExecutor(named("hq-calls"));
    }

    /**
     * The link with hq-link's defaults (4 tries per request with backoff up to 5 s; presence ping every 10 s,
     * reconnecting from 0.5 s up to 30 s).
     */
    public static HqLinkService create(URI hqUrl, BoothCredentials credentials, Outbox outbox, AuditTrail audit,
                                       Settings settings, Clock clock) {
        return builder(hqUrl, credentials, outbox, audit, settings).clock(clock).build();
    }

    public static Builder builder(URI hqUrl, BoothCredentials credentials, Outbox outbox, AuditTrail audit,
                                  Settings settings) {
        return new Builder(hqUrl, credentials, outbox, audit, settings);
    }

    /** The bytes the journey puts in the outbox for {@code submission}: its protocol JSON. */
    public static byte[] outboxPayload(Submission submission) {
        return ProtocolJson.writeBytes(Objects.requireNonNull(submission, "submission"));
    }

    @Override
    public void start() {
        if (closed) {
            throw new IllegalStateException("the headquarters link is closed");
        }
        if (!started.compareAndSet(false, true)) {
            return;
        }
        presence.start(boothState);
        triggerRound();
    }

    @Override
    public LinkStatus status() {
        return new LinkStatus(online, pending, Optional.ofNullable(lastContact.get()));
    }

    @Override
    public void addListener(HqLinkListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(HqLinkListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void deliverNow() {
        triggerRound();
    }

    @Override
    public CompletableFuture<CallTicket> requestCall(CallRequest request) {
        Objects.requireNonNull(request, "request");
        return onCallThread(() -> {
            CallTicket ticket = client.requestCall(request);
            contact();
            return ticket;
        });
    }

    @Override
    public CompletableFuture<Void> cancelCall(String callId) {
        Objects.requireNonNull(callId, "callId");
        return onCallThread(() -> {
            client.cancelCall(callId);
            contact();
            return null;
        });
    }

    @Override
    public void boothState(BoothState state) {
        boothState = Objects.requireNonNull(state, "state");
        if (started.get()) {
            presence.updateState(state);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        presence.close();
        sender.shutdown();
        calls.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
            if (!calls.awaitTermination(2, TimeUnit.SECONDS)) {
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            calls.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("headquarters link closed");
    }

    // ---- the outbox sender -------------------------------------------------------------------------

    private void triggerRound() {
        if (closed || !started.get() || !roundQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.execute(() -> {
                roundQueued.set(false);
                deliverRound();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            roundQueued.set(false);
        }
    }

    private void deliverRound() {
        if (closed) {
            return;
        }
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        boolean retryLater;
        try {
            retryLater = sendPending();
        } catch (OutboxEntryUnreadableException e) {
            // counted before it is audited: whoever sees the audit row sees it waiting too (a test saw 0 once)
            pending = outbox.size();
            if (unreadableReported != e.id()) {
                unreadableReported = e.id();
                audit.append(AuditEvent.OUTBOX_UNREADABLE, e.reference());
            }
            log.error("the outbox holds an entry that does not decrypt (id={} reference={}); delivery waits for IT"
                    + " staff to restore the booth key", e.id(), e.reference());
            retryLater = true;
        } catch (RuntimeException e) {
            log.error("outbox delivery round failed; trying again later", e);
            retryLater = true;
        }
        if (retryLater && !closed) {
            Duration every = settings.getDuration(SettingKey.OUTBOX_RETRY_SECONDS.key());
            try {
                retry = sender.schedule(this::deliverRound, every.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: the next start delivers what is left
            }
        }
        reportStatus();
    }

    /** One round; true if something is left to try again later. */
    private boolean sendPending() {
        List<OutboxEntry> entries = outbox.pending();
        int waiting = 0;
        for (OutboxEntry entry : entries) {
            if (!isRefused(entry)) {
                waiting++;
            }
        }
        pending = waiting;
        boolean left = false;
        for (OutboxEntry entry : entries) {
            if (closed) {
                return true;
            }
            if (isRefused(entry)) {
                continue;
            }
            Outcome outcome = deliver(entry);
            switch (outcome) {
                case DELIVERED, REFUSED -> pending = Math.max(0, pending - 1);
                case RETRY -> left = true;
                case STOP -> {
                    return true;
                }
            }
            reportStatus();
        }
        return left;
    }

    private enum Outcome { DELIVERED, REFUSED, RETRY, STOP }

    private boolean isRefused(OutboxEntry entry) {
        return entry.attempts() > 0 && outbox.lastError(entry.id()).map(e -> e.startsWith(REFUSED_MARK)).orElse(false);
    }

    private Outcome deliver(OutboxEntry entry) {
        Submission submission;
        try {
            submission = ProtocolJson.read(entry.payload(), Submission.class);
        } catch (ProtocolException e) {
            log.error("outbox entry {} ({}) is not a submission: {}", entry.id(), entry.reference(), e.getMessage());
            refuse(entry, UNREADABLE_PAYLOAD);
            return Outcome.REFUSED;
        } finally {
            java.util.Arrays.fill(entry.payload(), (byte) 0);
        }
        try {
            SubmissionReceipt receipt = client.submitApplication(submission, entry.idempotencyKey());
            contact();
            outbox.confirmDelivered(entry.id());
            String hqReference = receipt.reference();
            if (jp.madoguchi.kiosk.store.ReferenceFormats.isReference(hqReference)) {
                audit.appendPair(AuditEvent.OUTBOX_DELIVERED, entry.reference(), AuditEvent.OUTBOX_HQ_REFERENCE,
                        hqReference);
            } else {
                // a reference in a format this booth does not know is not written into the trail
                audit.appendPair(AuditEvent.OUTBOX_DELIVERED, entry.reference(), AuditEvent.OUTBOX_HQ_REFERENCE, null);
            }
            log.info("outbox entry {} delivered: booth reference {}, headquarters reference {}, {}", entry.id(),
                    entry.reference(), hqReference, receipt.status());
            notify(listener -> listener.delivered(entry.reference(), receipt));
            return Outcome.DELIVERED;
        } catch (HqUnavailableException e) {
            outbox.recordAttempt(entry.id(), "hq." + e.reason().name().toLowerCase(Locale.ROOT));
            log.info("headquarters unavailable ({}); {} kept in the outbox for the next round", e.reason(),
                    entry.reference());
            return Outcome.STOP;
        } catch (HqRejectedException e) {
            contact();
            String code = safeCode(e.errorCode());
            if (PERMANENT_REFUSALS.contains(e.errorCode())) {
                log.error("headquarters refused {} for good: HTTP {} {} ({}); kept for IT staff, not resent",
                        entry.reference(), e.status(), code, e.serverMessage());
                refuse(entry, code);
                return Outcome.REFUSED;
            }
            outbox.recordAttempt(entry.id(), code);
            if (BOOTH_REFUSALS.contains(e.errorCode())) {
                log.error("headquarters refuses this booth: HTTP {} {}; the outbox waits (re-enrol or ask headquarters)",
                        e.status(), code);
                return Outcome.STOP;
            }
            log.warn("headquarters answered HTTP {} {} for {}; trying again next round", e.status(), code,
                    entry.reference());
            return Outcome.RETRY;
        }
    }

    private void refuse(OutboxEntry entry, String code) {
        outbox.recordAttempt(entry.id(), safeCode(REFUSED_MARK + code));
        audit.append(AuditEvent.OUTBOX_REFUSED, entry.reference());
        notify(listener -> listener.refused(entry.reference(), code));
    }

    /** An error code as the outbox accepts it (1-64 of A-Z a-z 0-9 . _ -). */
    private static String safeCode(String code) {
        String cleaned = code == null ? "" : code.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.isEmpty()) {
            cleaned = "unknown";
        }
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    // ---- presence and status ------------------------------------------------------------------------

    private final class PresenceListener implements PresenceChannel.Listener {
        @Override
        public void onFrame(PresenceFrame.HqFrame frame) {
            contact();
            if (frame instanceof PresenceFrame.CallAnswered answered) {
                HqLinkService.this.notify(listener -> listener.callAnswered(answered));
            } else if (frame instanceof PresenceFrame.QueuePosition position) {
                HqLinkService.this.notify(listener -> listener.queuePosition(position));
            } else if (frame instanceof PresenceFrame.Decision decision) {
                HqLinkService.this.notify(listener -> listener.decision(decision));
            } else if (frame instanceof PresenceFrame.ClerkShows shows) {
                HqLinkService.this.notify(listener -> listener.clerkShows(shows));
            } else if (frame instanceof PresenceFrame.CallReturned returned) {
                HqLinkService.this.notify(listener -> listener.callReturned(returned));
            } else {
                log.debug("presence frame {} not handled", frame.getClass().getSimpleName());
            }
        }

        @Override
        public void onConnectionState(PresenceChannel.ConnectionState state) {
            boolean now = state == PresenceChannel.ConnectionState.CONNECTED;
            boolean was = online;
            online = now;
            if (now) {
                contact();
            }
            reportStatus();
            if (now && !was) {
                triggerRound();
            }
        }
    }

    private void contact() {
        lastContact.set(clock.instant());
    }

    /** Tells listeners when online or the waiting count changed (not for lastContact alone). */
    private void reportStatus() {
        LinkStatus status = status();
        synchronized (this) {
            if (status.online() == lastReported.online() && status.pendingDeliveries() == lastReported.pendingDeliveries()) {
                return;
            }
            lastReported = status;
        }
        notify(listener -> listener.linkChanged(status));
    }

    private void notify(Consumer<HqLinkListener> call) {
        for (HqLinkListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.error("a headquarters link listener failed", e);
            }
        }
    }

    private interface HqCall<T> {
        T run() throws HqUnavailableException, HqRejectedException;
    }

    private <T> CompletableFuture<T> onCallThread(HqCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the headquarters link is closed"));
            return result;
        }
        try {
            calls.execute(() -> {
                try {
                    result.complete(call.run());
                } catch (HqUnavailableException | HqRejectedException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the headquarters link is closed", e));
        }
        return result;
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Not thread-safe; build once. */
    public static final class Builder {
        private final URI hqUrl;
        private final BoothCredentials credentials;
        private final Outbox outbox;
        private final AuditTrail audit;
        private final Settings settings;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(20);
        private Duration pingInterval = Duration.ofSeconds(10);
        private Duration pongTimeout = Duration.ofSeconds(5);
        private Duration reconnectInitial = Duration.ofMillis(500);
        private Duration reconnectMax = Duration.ofSeconds(30);
        private Instant startedAt;
        private boolean afterUncleanStop;

        private Builder(URI hqUrl, BoothCredentials credentials, Outbox outbox, AuditTrail audit, Settings settings) {
            this.hqUrl = Objects.requireNonNull(hqUrl, "hqUrl");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            this.audit = Objects.requireNonNull(audit, "audit");
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How each request is retried inside one attempt (default: hq-link's defaults). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder timeouts(Duration connect, Duration request) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.requestTimeout = Objects.requireNonNull(request, "request");
            return this;
        }

        /** The presence channel's ping, pong deadline and reconnect backoff. */
        public Builder presence(Duration pingInterval, Duration pongTimeout, Duration reconnectInitial,
                                Duration reconnectMax) {
            this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
            this.pongTimeout = Objects.requireNonNull(pongTimeout, "pongTimeout");
            this.reconnectInitial = Objects.requireNonNull(reconnectInitial, "reconnectInitial");
            this.reconnectMax = Objects.requireNonNull(reconnectMax, "reconnectMax");
            return this;
        }

        /**
         * Every presence {@code hello} says this run started at {@code startedAt} and, if {@code afterUncleanStop},
         * that the run before did not stop cleanly (PROTOCOL.md; default: neither is said).
         */
        public Builder announceStart(Instant startedAt, boolean afterUncleanStop) {
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            this.afterUncleanStop = afterUncleanStop;
            return this;
        }

        public HqLinkService build() {
            return new HqLinkService(this);
        }
    }
}

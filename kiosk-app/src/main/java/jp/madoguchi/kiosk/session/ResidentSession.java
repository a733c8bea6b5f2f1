package jp.madoguchi.kiosk.session;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.AuditTrail;
import jp.madoguchi.kiosk.store.ReferenceFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resident's session at the booth, from the first touch to the wipe.
 *
 * <p>It knows a random id (never derived from the resident), the chosen language and procedure, the
 * current {@link JourneyStep}, the reference number once one is issued, and a registry of
 * {@link Wipeable}s the journey's parts register (PIN and password arrays, card data, previews, answers).
 * {@link #end(EndCause)} wipes each registered item exactly once, even when one of them throws, resets
 * the step to {@link JourneyStep#ATTRACT}, writes {@link AuditEvent#SESSION_ENDED} and
 * {@link AuditEvent#SESSION_WIPED} (with the reference number only, if one was issued) and tells the
 * listeners. The session never touches the outbox: the signed application already there is the only
 * thing that survives. After the end every use throws {@link SessionEndedException}.
 *
 * <p>The wipe itself is in memory and happens on the caller's thread before {@code end} returns; the audit
 * rows are database writes and go through the injected {@link Executor} (style.md item 4: the FX thread
 * never waits on the store; tests pass a same-thread executor). A single-thread executor keeps the rows in
 * order.
 *
 * <p>Thread-safe: the FX thread moves the steps while the inactivity timer or the card watcher may end the
 * session from theirs. Listeners are called outside the lock.
 */
public final class ResidentSession {
    private static final Logger log = LoggerFactory.getLogger(ResidentSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final AuditTrail audit;
    private final Executor auditExecutor;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** Identity, not equals: two different arrays with the same content are two things to wipe. */
    private final Map<Wipeable, Boolean> wipeables = new IdentityHashMap<>();
    private final List<Wipeable> wipeOrder = new ArrayList<>();

    private JourneyStep step = JourneyStep.ATTRACT;
    private String language;
    private String procedureId;
    private String reference;
    private boolean ended;

    private ResidentSession(String id, AuditTrail audit, Executor auditExecutor) {
        this.id = id;
        this.audit = audit;
        this.auditExecutor = auditExecutor;
    }

    /**
     * Starts a session on the attract screen's first touch: at {@link JourneyStep#ATTRACT}, ready to move to
     * {@link JourneyStep#LANGUAGE}; records {@link AuditEvent#SESSION_STARTED}. Audit rows are written on the
     * calling thread; the booth uses {@link #start(AuditTrail, Executor)}.
     */
    public static ResidentSession start(AuditTrail audit) {
        return start(audit, Runnable::run);
    }

    /** As {@link #start(AuditTrail)}, writing the audit rows through {@code auditExecutor} (the store's worker). */
    public static ResidentSession start(AuditTrail audit, Executor auditExecutor) {
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(auditExecutor, "auditExecutor");
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        ResidentSession session = new ResidentSession("S-" + HexFormat.of().formatHex(random), audit,
                auditExecutor);
        session.record(AuditEvent.SESSION_STARTED, null);
        log.info("session started: id={}", session.id);
        return session;
    }

    /** The random session id: for logs, never derived from the resident. */
    public String id() {
        return id;
    }

    public JourneyStep step() {
        synchronized (lock) {
            return step;
        }
    }

    public Optional<String> language() {
        synchronized (lock) {
            return Optional.ofNullable(language);
        }
    }

    public Optional<String> procedureId() {
        synchronized (lock) {
            return Optional.ofNullable(procedureId);
        }
    }

    /** The reference number issued for this session's application, if any. */
    public Optional<String> reference() {
        synchronized (lock) {
            return Optional.ofNullable(reference);
        }
    }

    public boolean isEnded() {
        synchronized (lock) {
            return ended;
        }
    }

    /** The number of registered items still waiting to be wiped. */
    public int registeredCount() {
        synchronized (lock) {
            return wipeOrder.size();
        }
    }

    public void addListener(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    /** The resident's language code (e.g. "ja", "ja-easy", "en"). */
    public void chooseLanguage(String languageCode) {
        Objects.requireNonNull(languageCode, "languageCode");
        synchronized (lock) {
            requireActive("choose a language");
            language = languageCode;
        }
    }

    /** The id of the chosen procedure from the forms catalogue (or the "talk to a clerk" id). */
    public void chooseProcedure(String id) {
        Objects.requireNonNull(id, "id");
        synchronized (lock) {
            requireActive("choose a procedure");
            procedureId = id;
        }
    }

    /**
     * Remembers the reference number issued for this session's application, so the end can be recorded
     * against it. Only a reference number is accepted; the value refused is not echoed.
     */
    public void issueReference(String referenceNumber) {
        if (!ReferenceFormats.isReference(referenceNumber)) {
            throw new IllegalArgumentException("not a reference number (MD-YYYYMMDD-XXXXXX or YYYYMMDD-XXXXXX);"
                    + " the value given was not kept");
        }
        synchronized (lock) {
            requireActive("issue a reference number");
            reference = referenceNumber;
        }
    }

    /**
     * Registers something to wipe when the session ends; registering the same object twice keeps one
     * registration. Registering after the end wipes the item at once (a card read that finishes after the
     * card was removed must not outlive the session) and then throws.
     *
     * @return {@code item}, for chaining
     * @throws SessionEndedException if the session has ended (after wiping {@code item})
     */
    public <W extends Wipeable> W register(W item) {
        Objects.requireNonNull(item, "item");
        synchronized (lock) {
            if (!ended) {
                if (wipeables.put(item, Boolean.TRUE) == null) {
                    wipeOrder.add(item);
                }
                return item;
            }
        }
        wipeQuietly(item);
        throw new SessionEndedException(id, "register something to wipe");
    }

    /**
     * Moves forward to {@code next}.
     *
     * @throws IllegalStepMoveException if the current step does not lead to {@code next}
     * @throws SessionEndedException if the session has ended
     */
    public void moveTo(JourneyStep next) {
        Objects.requireNonNull(next, "next");
        JourneyStep from;
        synchronized (lock) {
            requireActive("move to " + next);
            from = step;
            if (!from.canMoveForwardTo(next)) {
                throw new IllegalStepMoveException(from, next, "the journey allows " + from.forwardMoves());
            }
            step = next;
        }
        notifyStep(from, next);
    }

    /**
     * The back button: moves to {@link JourneyStep#back()} of the current step.
     *
     * @return the step moved to
     * @throws IllegalStepMoveException if the current step has no back button
     * @throws SessionEndedException if the session has ended
     */
    public JourneyStep back() {
        JourneyStep from;
        JourneyStep to;
        synchronized (lock) {
            requireActive("go back");
            from = step;
            to = from.back().orElseThrow(() -> new IllegalStepMoveException(from, null,
                    from + " has no back button"));
            step = to;
        }
        notifyStep(from, to);
        return to;
    }

    /**
     * The card must be read again (it stopped answering, or the PC/SC service restarted under it): from a
     * step that uses the card, {@link JourneyStep#PIN} to {@link JourneyStep#SIGNATURE}, back to
     * {@link JourneyStep#PLACE_CARD}, keeping the language, the procedure, the reference and whatever the
     * caller keeps (the answers). The PIN is asked again once the card is read. From any other step
     * nothing moves.
     *
     * @return whether the session moved
     * @throws SessionEndedException if the session has ended
     */
    public boolean returnToCard() {
        JourneyStep from;
        synchronized (lock) {
            requireActive("return to the card");
            from = step;
            if (from.compareTo(JourneyStep.PIN) < 0 || from.compareTo(JourneyStep.SIGNATURE) > 0) {
                return false;
            }
            step = JourneyStep.PLACE_CARD;
        }
        notifyStep(from, JourneyStep.PLACE_CARD);
        return true;
    }

    /**
     * Ends the session: wipes every registered item once (continuing past one that throws), forgets the
     * language, procedure and reference, returns to {@link JourneyStep#ATTRACT}, records
     * {@link AuditEvent#SESSION_ENDED} and {@link AuditEvent#SESSION_WIPED}, then tells the listeners.
     * The outbox is not touched.
     *
     * @throws SessionEndedException if the session had already ended (nothing is wiped twice)
     */
    public SessionEnd end(EndCause cause) {
        Objects.requireNonNull(cause, "cause");
        List<Wipeable> toWipe;
        JourneyStep endedAt;
        String endedReference;
        synchronized (lock) {
            requireActive("end again (cause " + cause + ")");
            ended = true;
            toWipe = new ArrayList<>(wipeOrder);
            wipeOrder.clear();
            wipeables.clear();
            endedAt = step;
            endedReference = reference;
            step = JourneyStep.ATTRACT;
            language = null;
            procedureId = null;
            reference = null;
        }
        // the session is marked ended before anything else, so a second end() from another thread cannot
        // wipe the same items again; the wipe comes before the audit rows, so personal data is never kept
        // waiting on the database (which may be busy for seconds)
        int failures = 0;
        for (Wipeable item : toWipe) {
            if (!wipeQuietly(item)) {
                failures++;
            }
        }
        record(AuditEvent.SESSION_ENDED, endedReference);
        record(AuditEvent.SESSION_WIPED, endedReference);
        SessionEnd end = new SessionEnd(id, cause, endedAt, toWipe.size(), failures);
        log.info("session ended: id={} cause={} step={} wiped={} wipeFailures={}", id, cause, endedAt,
                toWipe.size(), failures);
        if (endedAt != JourneyStep.ATTRACT) {
            notifyStep(endedAt, JourneyStep.ATTRACT);
        }
        for (SessionListener listener : listeners) {
            try {
                listener.sessionEnded(this, end);
            } catch (RuntimeException e) {
                // the exception's message is not logged: a listener's failure text could quote screen content
                log.error("a session listener failed on the end: id={} listener={} exception={}", id,
                        listener.getClass().getName(), e.getClass().getName());
            }
        }
        return end;
    }

    /** Wipes one item; logs a failure by kind and exception class only (its message could quote the data). */
    private boolean wipeQuietly(Wipeable item) {
        try {
            item.wipe();
            return true;
        } catch (RuntimeException | Error e) {
            String kind;
            try {
                kind = item.kind();
            } catch (RuntimeException kindFailure) {
                kind = item.getClass().getName();
            }
            log.error("wipe failed: session={} kind={} exception={}; the other items are still wiped", id, kind,
                    e.getClass().getName());
            return false;
        }
    }

    /** Audit failures must not stop a wipe or a journey; they are logged (the event name only). */
    private void record(AuditEvent event, String referenceNumber) {
        Runnable write = () -> {
            try {
                audit.append(event, referenceNumber);
            } catch (RuntimeException e) {
                log.error("could not record {} in the audit trail: session={} exception={}", event, id,
                        e.getClass().getName());
            }
        };
        try {
            auditExecutor.execute(write);
        } catch (RuntimeException rejected) {
            log.error("could not hand {} to the audit writer: session={} exception={}", event, id,
                    rejected.getClass().getName());
        }
    }

    private void notifyStep(JourneyStep from, JourneyStep to) {
        for (SessionListener listener : listeners) {
            try {
                listener.stepChanged(this, from, to);
            } catch (RuntimeException e) {
                log.error("a session listener failed on a step change: id={} listener={} exception={}", id,
                        listener.getClass().getName(), e.getClass().getName());
            }
        }
    }

    private void requireActive(String operation) {
        if (ended) {
            throw new SessionEndedException(id, operation);
        }
    }

    @Override
    public String toString() {
        return "ResidentSession[" + id + "]";
    }
}

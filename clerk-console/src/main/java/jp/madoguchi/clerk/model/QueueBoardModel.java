package jp.madoguchi.clerk.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.service.ClerkService;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.BoothPresence;
import jp.madoguchi.hqlink.message.ClerkQueues;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.QueueSummary;
import jp.madoguchi.hqlink.message.QueuedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live queues of the clerk's departments: one list of waiting calls in board order (priority assistance first,
 * then the longest wait), refreshed from headquarters on the work thread.
 *
 * <p>What a clerk must be able to rely on: a call that arrives is announced once ({@link #setOnCallsArrived}: the
 * console plays its sound and flashes the row), however often the board refreshes; when headquarters cannot be
 * reached the last list stays on the screen, marked as stale with its time, rather than emptied; an expired session
 * is reported once ({@link #setOnSessionExpired}) and the board stops asking. Properties and the list change on the
 * {@code ui} thread only; one refresh runs at a time (a refresh asked for while one runs is skipped).
 */
public final class QueueBoardModel {
    private static final Logger log = LoggerFactory.getLogger(QueueBoardModel.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Offline booths first (they need someone's attention), then by name. */
    static final Comparator<BoothPresence> BOOTH_ORDER = Comparator.comparing(BoothPresence::online)
            .thenComparing(BoothPresence::name).thenComparing(BoothPresence::boothId);

    private final ClerkService service;
    private final Executor work;
    private final Executor ui;
    private final Locale locale;
    private final Clock clock;
    private final ObservableList<QueueRow> rows = FXCollections.observableArrayList();
    private final ObservableList<QueueRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<BoothPresence> booths = FXCollections.observableArrayList();
    private final ObservableList<BoothPresence> readOnlyBooths = FXCollections.unmodifiableObservableList(booths);
    private final ReadOnlyBooleanWrapper reachable = new ReadOnlyBooleanWrapper(this, "reachable", true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean expired = new AtomicBoolean();
    private final Set<String> announced = new HashSet<>(); // ui thread
    private Consumer<List<QueueRow>> onCallsArrived = arrived -> { };
    private Runnable onSessionExpired = () -> { };
    private Instant lastUpdated;
    private ScheduledFuture<?> schedule;

    public QueueBoardModel(ClerkService service, Executor work, Executor ui, Locale locale, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.work = Objects.requireNonNull(work, "work");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.clock = Objects.requireNonNull(clock, "clock");
        status.set(ConsoleText.QUEUE_EMPTY.in(locale));
    }

    /** Called on the ui thread with the calls that appeared since the last refresh (never empty, each once). */
    public void setOnCallsArrived(Consumer<List<QueueRow>> callback) {
        this.onCallsArrived = Objects.requireNonNull(callback, "callback");
    }

    /** Called once on the ui thread when headquarters says the clerk's session is no longer valid. */
    public void setOnSessionExpired(Runnable callback) {
        this.onSessionExpired = Objects.requireNonNull(callback, "callback");
    }

    /** Refreshes now and then every {@code every} on {@code timer}, until {@link #stop()}. */
    public void start(ScheduledExecutorService timer, Duration every) {
        Objects.requireNonNull(timer, "timer");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive: " + every);
        }
        stop();
        schedule = timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the periodic refresh (a refresh under way still delivers its result). */
    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    /** Asks headquarters for the queues once, on the work thread; skipped while a refresh runs or after expiry. */
    public void refresh() {
        if (expired.get() || !refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            work.execute(this::fetch);
        } catch (RuntimeException e) {
            refreshing.set(false);
            throw e;
        }
    }

    private void fetch() {
        try {
            ClerkQueues queues = service.queues();
            List<QueueRow> fresh = new ArrayList<>();
            for (QueueSummary queue : queues.queues()) {
                for (QueuedCall call : queue.calls()) {
                    fresh.add(QueueRow.of(queue.routing(), call));
                }
            }
            fresh.sort(QueueRow.BOARD_ORDER);
            List<BoothPresence> presence = new ArrayList<>(queues.booths());
            presence.sort(BOOTH_ORDER);
            Instant at = clock.instant();
            ui.execute(() -> {
                booths.setAll(presence);
                show(fresh, at);
            });
        } catch (HqRejectedException e) {
            if (ErrorCodes.UNAUTHORIZED.equals(e.errorCode()) && expired.compareAndSet(false, true)) {
                log.info("clerk session no longer valid; the queue board stops");
                ui.execute(() -> onSessionExpired.run());
            } else {
                log.warn("queues refused: {}", e.errorCode());
                ui.execute(this::showStale);
            }
        } catch (HqUnavailableException e) {
            log.warn("queues: headquarters unavailable ({})", e.reason());
            ui.execute(this::showStale);
        } catch (RuntimeException e) {
            log.error("queues: {}", e.toString());
            ui.execute(this::showStale);
        } finally {
            refreshing.set(false);
        }
    }

    private void show(List<QueueRow> fresh, Instant at) {
        List<QueueRow> arrived = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (QueueRow row : fresh) {
            present.add(row.callId());
            if (announced.add(row.callId())) {
                arrived.add(row);
            }
        }
        announced.retainAll(present); // a call that left the queue and comes back (returned by a clerk) is new again
        rows.setAll(fresh);
        lastUpdated = at;
        reachable.set(true);
        status.set(fresh.isEmpty() ? ConsoleText.QUEUE_EMPTY.in(locale) : "");
        if (!arrived.isEmpty()) {
            onCallsArrived.accept(List.copyOf(arrived));
        }
    }

    private void showStale() {
        reachable.set(false);
        status.set(ConsoleText.QUEUE_STALE.in(locale,
                lastUpdated == null ? "—" : TIME.format(lastUpdated.atZone(clock.getZone()))));
    }

    /** The waiting calls in board order (ui thread). */
    public ObservableList<QueueRow> rows() {
        return readOnlyRows;
    }

    /** Every enrolled booth, online or not, as of the last refresh (ui thread). */
    public ObservableList<BoothPresence> booths() {
        return readOnlyBooths;
    }

    /** False while the last refresh could not reach headquarters (the rows are then those of {@link #statusProperty}'s time). */
    public ReadOnlyBooleanProperty reachableProperty() {
        return reachable.getReadOnlyProperty();
    }

    /** "No calls are waiting", "Headquarters cannot be reached. The list is as of 10:42:07.", or "". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}

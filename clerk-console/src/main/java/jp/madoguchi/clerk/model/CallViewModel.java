package jp.madoguchi.clerk.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.clerk.service.ClerkService;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.DecisionRequest;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.ShowOnBooth;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.fx.FxVideoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clerk's current call, from answering it to deciding on its application: which call, the video (as the
 * moderator, admitting the booth from the lobby), the application's view model, the decision, and what the clerk
 * shows on the booth's screen.
 *
 * <p>Phases: {@link Phase#IDLE} (free to answer) → {@link Phase#ANSWERING} (asking headquarters) → {@link Phase#ACTIVE}
 * (the call is the clerk's; video and application on screen) → back to IDLE with {@link #close()} once the video has
 * ended. A decision can be sent while the video runs or after it ended, once; headquarters passes it to the booth at
 * once. Network requests run on {@code work}; properties change on {@code ui} only; the video session never blocks.
 * Nothing personal is logged: call ids and reference numbers only.
 */
public final class CallViewModel {
    private static final Logger log = LoggerFactory.getLogger(CallViewModel.class);

    /** Where the clerk is with a call. */
    public enum Phase { IDLE, ANSWERING, ACTIVE }

    /** Where the decision on the call's application is. */
    public enum DecisionState { NONE, SENDING, SENT }

    private final ClerkService service;
    private final Executor work;
    private final Executor ui;
    private final Locale locale;
    private final FxVideoSession video;
    private final ApplicationViewModel.Factory applications;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.IDLE);
    private final ReadOnlyObjectWrapper<AnsweredCall> call = new ReadOnlyObjectWrapper<>(this, "call");
    private final ReadOnlyObjectWrapper<QueueRow> callRow = new ReadOnlyObjectWrapper<>(this, "callRow");
    private final ReadOnlyObjectWrapper<ApplicationViewModel> application =
            new ReadOnlyObjectWrapper<>(this, "application");
    private final ReadOnlyObjectWrapper<DecisionState> decisionState =
            new ReadOnlyObjectWrapper<>(this, "decisionState", DecisionState.NONE);
    private final ReadOnlyObjectWrapper<Outcome> decided = new ReadOnlyObjectWrapper<>(this, "decided");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper decisionMessage = new ReadOnlyStringWrapper(this, "decisionMessage", "");
    private final ReadOnlyStringWrapper showMessage = new ReadOnlyStringWrapper(this, "showMessage", "");
    private final ReadOnlyBooleanWrapper videoEnded = new ReadOnlyBooleanWrapper(this, "videoEnded", true);
    private final StringProperty residentMessage = new SimpleStringProperty(this, "residentMessage", "");
    private final Set<String> admitted = new HashSet<>();
    private String clerkName = "";
    private Consumer<Boolean> onInCall = inCall -> { };
    private Runnable onSessionExpired = () -> { };
    private Runnable onQueueChanged = () -> { };
    private java.util.function.Supplier<List<QueueRow>> boardRows = List::of;

    public CallViewModel(ClerkService service, Executor work, Executor ui, Locale locale, FxVideoSession video,
            ApplicationViewModel.Factory applications) {
        this.service = Objects.requireNonNull(service, "service");
        this.work = Objects.requireNonNull(work, "work");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.video = Objects.requireNonNull(video, "video");
        this.applications = Objects.requireNonNull(applications, "applications");
        video.knocking().addListener((ListChangeListener<VideoEvent.Knocking>) change -> admitKnocking());
        video.stateProperty().addListener((observable, before, state) -> videoStateChanged(state));
        video.peerPresentProperty().addListener((observable, before, present) -> videoStateChanged(video.getState()));
    }

    /** The name the booth sees in the call (the clerk's display name from login). */
    public void setClerkName(String name) {
        this.clerkName = Objects.requireNonNull(name, "name");
    }

    /** Told true when a call starts and false when it is closed (the idle logout does not count a call as idle). */
    public void setOnInCall(Consumer<Boolean> callback) {
        this.onInCall = Objects.requireNonNull(callback, "callback");
    }

    /** Called on the ui thread when headquarters refuses the session (it expired or was ended elsewhere). */
    public void setOnSessionExpired(Runnable callback) {
        this.onSessionExpired = Objects.requireNonNull(callback, "callback");
    }

    /** Called on the ui thread after an answer attempt, so the queue board refreshes at once. */
    public void setOnQueueChanged(Runnable callback) {
        this.onQueueChanged = Objects.requireNonNull(callback, "callback");
    }

    /** The board's rows (for "answer next": the call headquarters picks is looked up among those shown then). */
    public void setBoardRows(java.util.function.Supplier<List<QueueRow>> rows) {
        this.boardRows = Objects.requireNonNull(rows, "rows");
    }

    /** Answers the longest-waiting call of {@code routing} (F2 on the board). Ignored unless idle. */
    public void answerNext(String routing) {
        answer(routing, null, null);
    }

    /** Answers the call of {@code row}, chosen on the board. Ignored unless idle. */
    public void answer(QueueRow row) {
        answer(row.routing(), row.callId(), row);
    }

    private void answer(String routing, String callId, QueueRow row) {
        if (phase.get() != Phase.IDLE) {
            return;
        }
        phase.set(Phase.ANSWERING);
        message.set(ConsoleText.CALL_ANSWERING.in(locale));
        List<QueueRow> shown = row != null ? List.of(row) : List.copyOf(boardRows.get());
        execute(() -> {
            Optional<AnsweredCall> answered;
            try {
                answered = service.answer(routing, callId);
            } catch (HqRejectedException e) {
                log.info("answer refused: {}", e.errorCode());
                ui.execute(() -> answerFailed(e));
                return;
            } catch (HqUnavailableException e) {
                log.warn("answer: headquarters unavailable ({})", e.reason());
                ui.execute(() -> answerFailed(ConsoleText.CALL_HQ_UNREACHABLE.in(locale)));
                return;
            }
            ApplicationViewModel app = answered.flatMap(a -> Optional.ofNullable(a.application()))
                    .map(applications::create).orElse(null);
            ui.execute(() -> answered.ifPresentOrElse(a -> started(a, shown.stream()
                            .filter(r -> r.callId().equals(a.callId())).findFirst().orElse(null), app),
                    () -> answerFailed(ConsoleText.CALL_NOBODY_WAITING.in(locale))));
        });
    }

    private void answerFailed(HqRejectedException e) {
        if (ErrorCodes.UNAUTHORIZED.equals(e.errorCode())) {
            phase.set(Phase.IDLE);
            message.set("");
            onSessionExpired.run();
            return;
        }
        answerFailed(ErrorCodes.ALREADY_TAKEN.equals(e.errorCode()) ? ConsoleText.QUEUE_ALREADY_TAKEN.in(locale)
                : ConsoleText.CALL_REFUSED.in(locale, e.errorCode()));
    }

    private void answerFailed(String text) {
        phase.set(Phase.IDLE);
        message.set(text);
        onQueueChanged.run();
    }

    private void started(AnsweredCall answered, QueueRow row, ApplicationViewModel app) {
        log.info("call {} answered{}", answered.callId(),
                answered.application() == null ? " (no application)" : ", application " + answered.application().reference());
        call.set(answered);
        callRow.set(row);
        application.set(app);
        decisionState.set(DecisionState.NONE);
        decided.set(null);
        decisionMessage.set("");
        showMessage.set("");
        residentMessage.set("");
        admitted.clear();
        phase.set(Phase.ACTIVE);
        message.set(ConsoleText.CALL_CONNECTING.in(locale));
        onInCall.accept(true);
        onQueueChanged.run();
        try {
            videoEnded.set(false);
            video.join(JoinRequest.forDomain(answered.jitsiDomain(), answered.room(), answered.jwt(),
                    clerkName.isBlank() ? ConsoleText.CALL_CLERK_FALLBACK_NAME.in(locale) : clerkName, locale,
                    CallRole.CLERK));
        } catch (RuntimeException e) { // a malformed domain from headquarters, or a call still running
            log.error("call {}: the video could not start: {}", answered.callId(), e.toString());
            videoEnded.set(true);
            message.set(ConsoleText.CALL_VIDEO_FAILED.in(locale));
        }
    }

    /** The booth knocks in the lobby: a clerk's call has one guest, the booth, let in at once. */
    private void admitKnocking() {
        if (phase.get() != Phase.ACTIVE) {
            return;
        }
        for (VideoEvent.Knocking knock : List.copyOf(video.knocking())) {
            if (admitted.add(knock.participantId())) {
                video.admit(knock.participantId());
            }
        }
    }

    private void videoStateChanged(VideoState state) {
        if (phase.get() != Phase.ACTIVE || state == null) {
            return;
        }
        switch (state) {
            case WAITING, IN_CALL -> message.set(video.peerPresentProperty().get() ? ""
                    : ConsoleText.CALL_WAITING_FOR_BOOTH.in(locale));
            case ENDED, FAILED -> {
                videoEnded.set(true);
                message.set(ConsoleText.CALL_VIDEO_ENDED.in(locale));
            }
            default -> { }
        }
        admitKnocking();
    }

    /** Mutes or unmutes the clerk's microphone (F4). */
    public void toggleMute() {
        if (phase.get() == Phase.ACTIVE && !videoEnded.get()) {
            video.toggleMicrophone();
        }
    }

    /** Ends the video for both sides (F12). The call stays on screen for the decision until {@link #close()}. */
    public void endCall() {
        if (phase.get() == Phase.ACTIVE && !videoEnded.get()) {
            video.endForEveryone();
        }
    }

    /**
     * Sends the decision; a correction or a rejection needs {@link #residentMessageProperty() a message} for the
     * resident (the booth shows it). Sent once: a second decision is refused by the console (and by headquarters).
     */
    public void decide(Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        ApplicationViewModel app = application.get();
        if (phase.get() != Phase.ACTIVE || app == null || decisionState.get() != DecisionState.NONE) {
            return;
        }
        String text = residentMessage.get() == null ? "" : residentMessage.get().strip();
        if (outcome != Outcome.ACCEPTED && text.isEmpty()) {
            decisionMessage.set(ConsoleText.DECISION_NEEDS_MESSAGE.in(locale));
            return;
        }
        decisionState.set(DecisionState.SENDING);
        decisionMessage.set(ConsoleText.DECISION_SENDING.in(locale));
        String reference = app.reference();
        execute(() -> {
            String problem = null;
            boolean expired = false;
            try {
                service.decide(new DecisionRequest(reference, outcome, text));
                log.info("decision {} sent for {}", outcome, reference);
            } catch (HqRejectedException e) {
                log.info("decision on {} refused: {}", reference, e.errorCode());
                expired = ErrorCodes.UNAUTHORIZED.equals(e.errorCode());
                problem = switch (e.errorCode()) {
                    case ErrorCodes.ALREADY_DECIDED -> ConsoleText.DECISION_ALREADY_DECIDED.in(locale);
                    case ErrorCodes.CALL_RETURNED -> ConsoleText.CALL_RETURNED.in(locale);
                    case ErrorCodes.NOT_YOUR_CALL -> ConsoleText.DECISION_NOT_YOUR_CALL.in(locale);
                    case ErrorCodes.UNKNOWN_REFERENCE -> ConsoleText.DECISION_UNKNOWN_REFERENCE.in(locale);
                    default -> ConsoleText.DECISION_REFUSED.in(locale, e.errorCode());
                };
            } catch (HqUnavailableException e) {
                log.warn("decision on {}: headquarters unavailable ({})", reference, e.reason());
                problem = ConsoleText.DECISION_HQ_UNREACHABLE.in(locale);
            }
            String shown = problem;
            boolean sessionGone = expired;
            ui.execute(() -> decisionDone(outcome, shown, sessionGone));
        });
    }

    private void decisionDone(Outcome outcome, String problem, boolean sessionGone) {
        if (problem == null) {
            decisionState.set(DecisionState.SENT);
            decided.set(outcome);
            decisionMessage.set(ConsoleText.DECISION_SENT.in(locale, outcomeText(outcome)));
        } else {
            decisionState.set(DecisionState.NONE); // the clerk may try again; nothing they typed is lost
            decisionMessage.set(problem);
            if (sessionGone) {
                onSessionExpired.run();
            }
        }
    }

    /** The outcome as the console names it. */
    public String outcomeText(Outcome outcome) {
        return outcomeText(outcome, locale);
    }

    /** The outcome as the console names it ("承認", "補正依頼", "却下"). */
    public static String outcomeText(Outcome outcome, Locale locale) {
        return switch (outcome) {
            case ACCEPTED -> ConsoleText.OUTCOME_ACCEPTED.in(locale);
            case CORRECTION_NEEDED -> ConsoleText.OUTCOME_CORRECTION_NEEDED.in(locale);
            case REJECTED -> ConsoleText.OUTCOME_REJECTED.in(locale);
            case UNKNOWN -> "—";
        };
    }

    /** "Show" with a typed message: an empty one is asked for, not sent (clearing is its own button). */
    public void showText(String text) {
        if (text == null || text.isBlank()) {
            showMessage.set(ConsoleText.SHOW_EMPTY.in(locale));
            return;
        }
        showOnBooth(text, null, null);
    }

    /** Shows {@code text} (and optionally a PNG/JPEG picture) on the booth's screen; empty text and no picture clear it. */
    public void showOnBooth(String text, byte[] picture, String pictureType) {
        AnsweredCall current = call.get();
        if (phase.get() != Phase.ACTIVE || current == null) {
            return;
        }
        String shownText = text == null ? "" : text.strip();
        if (shownText.length() > PresenceFrame.ClerkShows.MAX_TEXT) {
            showMessage.set(ConsoleText.SHOW_TOO_LONG.in(locale, PresenceFrame.ClerkShows.MAX_TEXT));
            return;
        }
        if (picture != null && picture.length > PresenceFrame.ClerkShows.MAX_IMAGE_BYTES) {
            showMessage.set(ConsoleText.SHOW_PICTURE_TOO_LARGE.in(locale, PresenceFrame.ClerkShows.MAX_IMAGE_BYTES / 1024));
            return;
        }
        String base64 = picture == null ? "" : java.util.Base64.getEncoder().encodeToString(picture);
        String type = picture == null ? "" : pictureType;
        boolean clearing = shownText.isEmpty() && picture == null;
        showMessage.set(ConsoleText.SHOW_SENDING.in(locale));
        execute(() -> {
            String result;
            try {
                service.show(current.callId(), new ShowOnBooth(shownText, base64, type));
                result = clearing ? ConsoleText.SHOW_CLEARED.in(locale) : ConsoleText.SHOW_SENT.in(locale);
            } catch (HqRejectedException e) {
                log.info("show on booth refused for call {}: {}", current.callId(), e.errorCode());
                result = switch (e.errorCode()) {
                    case ErrorCodes.BOOTH_OFFLINE -> ConsoleText.SHOW_BOOTH_OFFLINE.in(locale);
                    case ErrorCodes.CALL_RETURNED -> ConsoleText.CALL_RETURNED.in(locale);
                    default -> ConsoleText.SHOW_REFUSED.in(locale, e.errorCode());
                };
            } catch (HqUnavailableException e) {
                result = ConsoleText.CALL_HQ_UNREACHABLE.in(locale);
            }
            String shown = result;
            ui.execute(() -> showMessage.set(shown));
        });
    }

    /**
     * Shows the picture in {@code file} (PNG or JPEG, at most 1 MiB) with {@code text} on the booth's screen; the file
     * is read on the work thread, and one that is neither PNG nor JPEG is refused here with a message.
     */
    public void showPicture(java.nio.file.Path file, String text) {
        Objects.requireNonNull(file, "file");
        if (phase.get() != Phase.ACTIVE) {
            return;
        }
        showMessage.set(ConsoleText.SHOW_SENDING.in(locale));
        execute(() -> {
            byte[] bytes;
            try {
                if (java.nio.file.Files.size(file) > PresenceFrame.ClerkShows.MAX_IMAGE_BYTES) {
                    ui.execute(() -> showMessage.set(ConsoleText.SHOW_PICTURE_TOO_LARGE.in(locale,
                            PresenceFrame.ClerkShows.MAX_IMAGE_BYTES / 1024)));
                    return;
                }
                bytes = java.nio.file.Files.readAllBytes(file);
            } catch (java.io.IOException e) {
                ui.execute(() -> showMessage.set(ConsoleText.SHOW_PICTURE_UNREADABLE.in(locale)));
                return;
            }
            String type = pictureType(bytes);
            ui.execute(() -> {
                if (type == null) {
                    showMessage.set(ConsoleText.SHOW_PICTURE_UNREADABLE.in(locale));
                } else {
                    showOnBooth(text, bytes, type);
                }
            });
        });
    }

    /** {@code image/png} or {@code image/jpeg} by the file's first bytes, else null. */
    static String pictureType(byte[] bytes) {
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return null;
    }

    /**
     * Leaves the call's screen for the next call: hangs up the video if it still runs. The application leaves the
     * screen (its rendered image and field values are dropped from memory with the view model).
     */
    public void close() {
        if (phase.get() != Phase.ACTIVE) {
            return;
        }
        if (!videoEnded.get()) {
            video.hangUp();
        }
        AnsweredCall closing = call.get();
        log.info("call {} closed{}", closing == null ? "?" : closing.callId(),
                decisionState.get() == DecisionState.SENT ? "" : " without a decision");
        ApplicationViewModel app = application.get();
        if (app != null) {
            app.clear();
        }
        call.set(null);
        callRow.set(null);
        application.set(null);
        residentMessage.set("");
        decisionMessage.set("");
        showMessage.set("");
        decided.set(null);
        decisionState.set(DecisionState.NONE);
        videoEnded.set(true);
        message.set("");
        phase.set(Phase.IDLE);
        onInCall.accept(false);
    }

    /** Whether {@link #close()} would leave an application undecided (the view asks before closing). */
    public boolean closingLeavesUndecided() {
        return application.get() != null && decisionState.get() != DecisionState.SENT;
    }

    private void execute(Runnable task) {
        try {
            work.execute(task);
        } catch (RuntimeException e) {
            log.error("work executor refused a task: {}", e.toString());
            message.set(ConsoleText.CALL_REFUSED.in(locale, e.getClass().getSimpleName()));
            if (phase.get() == Phase.ANSWERING) {
                phase.set(Phase.IDLE);
            }
        }
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AnsweredCall> callProperty() {
        return call.getReadOnlyProperty();
    }

    /** The board's row of the answered call, when the clerk chose it there (null for "answer next"). */
    public ReadOnlyObjectProperty<QueueRow> callRowProperty() {
        return callRow.getReadOnlyProperty();
    }

    /** The application of the call, or null when the resident called without one. */
    public ReadOnlyObjectProperty<ApplicationViewModel> applicationProperty() {
        return application.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DecisionState> decisionStateProperty() {
        return decisionState.getReadOnlyProperty();
    }

    /** The outcome sent, once headquarters recorded it. */
    public ReadOnlyObjectProperty<Outcome> decidedProperty() {
        return decided.getReadOnlyProperty();
    }

    /** What the call is doing ("connecting…", "the booth has not joined yet", "the video has ended") or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The decision's progress or problem. */
    public ReadOnlyStringProperty decisionMessageProperty() {
        return decisionMessage.getReadOnlyProperty();
    }

    /** What became of the last "show on booth". */
    public ReadOnlyStringProperty showMessageProperty() {
        return showMessage.getReadOnlyProperty();
    }

    /** True when no video runs (before answering, after the end). */
    public ReadOnlyBooleanProperty videoEndedProperty() {
        return videoEnded.getReadOnlyProperty();
    }

    /** The message for the resident that goes with a correction or a rejection (the booth shows it). */
    public StringProperty residentMessageProperty() {
        return residentMessage;
    }

    public FxVideoSession video() {
        return video;
    }

    /** For the tests: the participants admitted from the lobby during this call. */
    List<String> admittedParticipants() {
        return new ArrayList<>(admitted);
    }
}

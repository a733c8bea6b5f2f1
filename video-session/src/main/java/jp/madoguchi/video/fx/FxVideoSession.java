package jp.madoguchi.video.fx;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoListener;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;

/**
 * The view model of a video call: a {@link VideoSession}'s status as read-only JavaFX properties a screen binds
 * to, with the resident's sentence in the chosen language, and the session's commands.
 *
 * <p>The session reports on its own thread; every property changes only on the {@code fxExecutor}
 * ({@code Platform::runLater} in production, a same-thread executor in unit tests). Commands go straight to the
 * session, which never blocks, so they are safe on the FX thread. Not thread-safe otherwise: create and use it on
 * the FX thread (or, in unit tests, on the test's thread with a same-thread executor).
 */
public final class FxVideoSession {
    private final VideoSession session;
    private final Executor fxExecutor;
    private final VideoListener listener = this::onSessionEvent;

    private final ReadOnlyObjectWrapper<VideoStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<VideoState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyBooleanWrapper microphoneMuted = new ReadOnlyBooleanWrapper(this, "microphoneMuted");
    private final ReadOnlyBooleanWrapper cameraOff = new ReadOnlyBooleanWrapper(this, "cameraOff");
    private final ReadOnlyBooleanWrapper peerPresent = new ReadOnlyBooleanWrapper(this, "peerPresent");
    private final ReadOnlyBooleanWrapper callVisible = new ReadOnlyBooleanWrapper(this, "callVisible");
    private final ReadOnlyObjectWrapper<EndReason> reason = new ReadOnlyObjectWrapper<>(this, "reason");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper microphoneActionText = new ReadOnlyStringWrapper(this, "microphoneActionText");
    private final ReadOnlyStringWrapper microphoneAccessibleText =
            new ReadOnlyStringWrapper(this, "microphoneAccessibleText");
    private final ReadOnlyStringWrapper cameraActionText = new ReadOnlyStringWrapper(this, "cameraActionText");
    private final ReadOnlyStringWrapper cameraAccessibleText = new ReadOnlyStringWrapper(this, "cameraAccessibleText");
    private final ReadOnlyStringWrapper hangUpText = new ReadOnlyStringWrapper(this, "hangUpText");
    private final ReadOnlyStringWrapper hangUpAccessibleText = new ReadOnlyStringWrapper(this, "hangUpAccessibleText");
    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>(this, "locale");
    private final ObservableList<VideoEvent.Knocking> knocking = FXCollections.observableArrayList();
    private final ObservableList<VideoEvent.Knocking> knockingView = FXCollections.unmodifiableObservableList(knocking);

    private CallRole role = CallRole.RESIDENT;
    /** The device problem reported during this call, shown until the state changes. */
    private VideoEvent.DeviceError deviceError;
    private VideoMessages messages;

    /** For production: properties change on the JavaFX Application Thread. */
    public static FxVideoSession onFxThread(VideoSession session, Locale locale) {
        return new FxVideoSession(session, Platform::runLater, locale);
    }

    /**
     * @param session    the call
     * @param fxExecutor where properties are updated: {@code Platform::runLater}, or {@code Runnable::run} in tests
     * @param locale     the resident's language for {@link #messageProperty()}; changeable through {@link #localeProperty()}
     */
    public FxVideoSession(VideoSession session, Executor fxExecutor, Locale locale) {
        this.session = Objects.requireNonNull(session, "session");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.locale.set(Objects.requireNonNull(locale, "locale"));
        this.messages = VideoMessages.of(locale);
        this.locale.addListener((observable, previous, next) -> {
            messages = VideoMessages.of(next == null ? Locale.JAPANESE : next);
            updateTexts();
        });
        applyStatus(session.status());
        session.addListener(listener);
        // a change between reading the status and listening would otherwise be missed until the next event
        fxExecutor.execute(() -> applyStatus(session.status()));
    }

    // ---- commands: straight to the session, which never blocks ----

    /**
     * Starts a call; progress shows in the properties.
     *
     * @throws IllegalStateException when a call is already active
     */
    public void join(JoinRequest request) {
        role = request.role();
        session.join(request);
    }

    public void setMicrophoneMuted(boolean muted) {
        session.setMicrophoneMuted(muted);
    }

    /** The microphone button: mutes when live, unmutes when muted (as the screen shows it now). */
    public void toggleMicrophone() {
        session.setMicrophoneMuted(!microphoneMuted.get());
    }

    public void setCameraOff(boolean off) {
        session.setCameraOff(off);
    }

    /** The camera button: switches off when on, on when off (as the screen shows it now). */
    public void toggleCamera() {
        session.setCameraOff(!cameraOff.get());
    }

    public void hangUp() {
        session.hangUp();
    }

    /** Clerk side: lets a knocking guest in. */
    public void admit(String participantId) {
        session.admit(participantId);
    }

    /** Clerk side: ends the call for everyone. */
    public void endForEveryone() {
        session.endForEveryone();
    }

    /** The device check; the future completes on the session's thread (hop to the FX thread before touching nodes). */
    public CompletableFuture<DeviceReport> checkDevices() {
        return session.checkDevices();
    }

    /** Stops following the session (the screen is gone); the session itself is not closed. */
    public void detach() {
        session.removeListener(listener);
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<VideoStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VideoState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty microphoneMutedProperty() {
        return microphoneMuted.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cameraOffProperty() {
        return cameraOff.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty peerPresentProperty() {
        return peerPresent.getReadOnlyProperty();
    }

    /** Why the call ended or failed; {@code null} while it has not. */
    public ReadOnlyObjectProperty<EndReason> reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    /**
     * Whether the call's own window should lie over the {@link VideoPane}: while waiting in the room or its lobby,
     * and in the call. Otherwise (preparing, joining, reconnecting, over) the pane's placeholder shows.
     */
    public ReadOnlyBooleanProperty callVisibleProperty() {
        return callVisible.getReadOnlyProperty();
    }

    /** The sentence for the resident (or clerk) about where the call stands, in {@link #localeProperty()}; empty while idle. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The microphone button's label: what pressing it does. */
    public ReadOnlyStringProperty microphoneActionTextProperty() {
        return microphoneActionText.getReadOnlyProperty();
    }

    /** The microphone button's accessible text: its state and what pressing it does. */
    public ReadOnlyStringProperty microphoneAccessibleTextProperty() {
        return microphoneAccessibleText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cameraActionTextProperty() {
        return cameraActionText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cameraAccessibleTextProperty() {
        return cameraAccessibleText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hangUpTextProperty() {
        return hangUpText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hangUpAccessibleTextProperty() {
        return hangUpAccessibleText.getReadOnlyProperty();
    }

    /** Clerk side: guests knocking at the lobby, until admitted or the call ends. */
    public ObservableList<VideoEvent.Knocking> knocking() {
        return knockingView;
    }

    /** The language of the sentences; set it when the resident chooses another. */
    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public VideoStatus getStatus() {
        return status.get();
    }

    public VideoState getState() {
        return state.get();
    }

    public String getMessage() {
        return message.get();
    }

    // ---- events, on the session's thread ----

    private void onSessionEvent(VideoEvent event) {
        fxExecutor.execute(() -> apply(event));
    }

    private void apply(VideoEvent event) {
        if (event instanceof VideoEvent.StatusChanged changed) {
            applyStatus(changed.current());
        } else if (event instanceof VideoEvent.DeviceError error) {
            deviceError = error;
            updateTexts();
        } else if (event instanceof VideoEvent.Knocking knock) {
            knocking.removeIf(k -> k.participantId().equals(knock.participantId()));
            knocking.add(knock);
        } else if (event instanceof VideoEvent.PeerJoined joined) {
            knocking.removeIf(k -> k.participantId().equals(joined.participantId()));
        }
    }

    private void applyStatus(VideoStatus next) {
        VideoStatus previous = status.get();
        if (previous != null && previous.state() != next.state()) {
            deviceError = null;
        }
        if (!next.state().isActive()) {
            knocking.clear();
        }
        status.set(next);
        state.set(next.state());
        microphoneMuted.set(next.microphoneMuted());
        cameraOff.set(next.cameraOff());
        peerPresent.set(next.peerPresent());
        reason.set(next.reason().orElse(null));
        callVisible.set(next.state() == VideoState.WAITING || next.state() == VideoState.IN_CALL);
        updateTexts();
    }

    private void updateTexts() {
        VideoStatus current = status.get();
        message.set(messageFor(current));
        microphoneActionText.set(messages.text(current.microphoneMuted() ? VideoText.ACTION_UNMUTE : VideoText.ACTION_MUTE));
        microphoneAccessibleText.set(messages.text(current.microphoneMuted()
                ? VideoText.ACCESSIBLE_MICROPHONE_MUTED : VideoText.ACCESSIBLE_MICROPHONE_LIVE));
        cameraActionText.set(messages.text(current.cameraOff() ? VideoText.ACTION_CAMERA_ON : VideoText.ACTION_CAMERA_OFF));
        cameraAccessibleText.set(messages.text(current.cameraOff()
                ? VideoText.ACCESSIBLE_CAMERA_OFF : VideoText.ACCESSIBLE_CAMERA_ON));
        hangUpText.set(messages.text(VideoText.ACTION_HANG_UP));
        hangUpAccessibleText.set(messages.text(VideoText.ACCESSIBLE_HANG_UP));
    }

    private String messageFor(VideoStatus current) {
        if (current.reason().isPresent()) {
            return messages.reason(current.reason().get());
        }
        String stateSentence = switch (current.state()) {
            case IDLE -> "";
            case PREPARING -> messages.text(VideoText.STATE_PREPARING);
            case JOINING -> messages.text(VideoText.STATE_JOINING);
            case WAITING -> messages.text(role == CallRole.CLERK ? VideoText.STATE_WAITING_CLERK
                    : VideoText.STATE_WAITING_RESIDENT);
            case IN_CALL -> messages.text(VideoText.STATE_IN_CALL);
            case RECONNECTING -> messages.text(VideoText.STATE_RECONNECTING, current.reconnectAttempt());
            case ENDED, FAILED -> throw new IllegalStateException("an ended call has a reason: " + current);
        };
        if (deviceError == null) {
            return stateSentence;
        }
        String problem = messages.text("microphone".equals(deviceError.kind())
                ? VideoText.DEVICE_ERROR_MICROPHONE : VideoText.DEVICE_ERROR_CAMERA);
        return stateSentence.isEmpty() ? problem : problem + "\n" + stateSentence;
    }
}

package jp.madoguchi.video;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a call, immutable: what the screen shows.
 *
 * @param state            where the call stands
 * @param reason           why it ended or failed; present exactly in {@link VideoState#ENDED} and {@link VideoState#FAILED}
 * @param microphoneMuted  this side's microphone is muted (true until the call is joined)
 * @param cameraOff        this side's camera is off (true until the call is joined)
 * @param peerPresent      the other side is in the call
 * @param reconnectAttempt the current rejoin attempt (1-based) while {@link VideoState#RECONNECTING}, else 0
 */
public record VideoStatus(VideoState state, Optional<EndReason> reason, boolean microphoneMuted, boolean cameraOff,
                          boolean peerPresent, int reconnectAttempt) {

    public static final VideoStatus IDLE = new VideoStatus(VideoState.IDLE, Optional.empty(), true, true, false, 0);

    public VideoStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        boolean over = state == VideoState.ENDED || state == VideoState.FAILED;
        if (over != reason.isPresent()) {
            throw new IllegalArgumentException("a reason is given exactly when the call is over: " + state + " " + reason);
        }
        if (reason.isPresent() && reason.get().isFailure() != (state == VideoState.FAILED)) {
            throw new IllegalArgumentException(reason.get() + " does not go with " + state);
        }
        if (reconnectAttempt < 0 || (reconnectAttempt > 0) != (state == VideoState.RECONNECTING)) {
            throw new IllegalArgumentException("a reconnect attempt is counted only while reconnecting: " + reconnectAttempt);
        }
    }
}

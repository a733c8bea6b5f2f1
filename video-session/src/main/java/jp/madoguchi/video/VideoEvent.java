package jp.madoguchi.video;

/**
 * What a {@link VideoSession} reports. Every change of {@link VideoStatus} comes as a {@link StatusChanged}; the
 * other events say what happened in words the screen can use (a chime when the clerk joins, a message on a
 * camera error).
 */
public sealed interface VideoEvent {

    /** The status changed; {@code previous} is what it was. */
    record StatusChanged(VideoStatus previous, VideoStatus current) implements VideoEvent {
    }

    /** This side is in the room (Jitsi's {@code videoConferenceJoined}). */
    record Joined(String room) implements VideoEvent {
    }

    /** Someone on the other side joined. */
    record PeerJoined(String participantId, String displayName) implements VideoEvent {
    }

    /** Someone on the other side left. */
    record PeerLeft(String participantId) implements VideoEvent {
    }

    /** A guest is waiting in the lobby (clerk side): {@link VideoSession#admit(String)} lets them in. */
    record Knocking(String participantId, String displayName) implements VideoEvent {
    }

    /** This side's microphone was muted or unmuted. */
    record MicrophoneMuted(boolean muted) implements VideoEvent {
    }

    /** This side's camera was switched off or on. */
    record CameraOff(boolean off) implements VideoEvent {
    }

    /** A camera or microphone failed during the call ({@code kind} is "camera" or "microphone"). */
    record DeviceError(String kind, String detail) implements VideoEvent {
    }

    /** The connection is in trouble (the session will try to rejoin); {@code detail} is for logs and IT staff. */
    record ConnectionProblem(String detail) implements VideoEvent {
    }

    /** The call is over; the status is {@link VideoState#ENDED} or {@link VideoState#FAILED}. */
    record Ended(EndReason reason) implements VideoEvent {
    }
}

package jp.madoguchi.video;

/**
 * Where a video call stands. The booth's and the clerk console's screens bind to it.
 *
 * <pre>
 * IDLE → PREPARING → JOINING → WAITING ⇄ IN_CALL → ENDED
 *                       ↑        ↓         ↓
 *                       └── RECONNECTING ←─┘        any active state → FAILED
 * </pre>
 */
public enum VideoState {
    /** No call; nothing runs, camera and microphone are off. */
    IDLE,
    /** Checking the camera and microphone, starting the browser. */
    PREPARING,
    /** Loading the meeting and entering the room (or its lobby). */
    JOINING,
    /**
     * In the room or its lobby, nobody on the other side yet: for the booth, waiting for the clerk;
     * for the clerk console, waiting for the resident.
     */
    WAITING,
    /** Both sides are in the call. */
    IN_CALL,
    /** The browser died or the connection dropped: rejoining the same room. */
    RECONNECTING,
    /** The call is over for an ordinary reason ({@link EndReason#isFailure()} is false). */
    ENDED,
    /** The call could not start or could not go on ({@link EndReason#isFailure()} is true). */
    FAILED;

    /** True while a call is being set up or is going on: joining again is refused until it ends. */
    public boolean isActive() {
        return this != IDLE && this != ENDED && this != FAILED;
    }
}

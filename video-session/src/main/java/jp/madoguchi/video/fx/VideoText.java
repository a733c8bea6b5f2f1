package jp.madoguchi.video.fx;

/**
 * The keys of the {@code jp.madoguchi.video.messages} bundle other than the end reasons' sentences (those are
 * {@link jp.madoguchi.video.EndReason#messageKey()}). An enum, not string constants, so that a test can see which
 * keys the code really uses.
 */
public enum VideoText {
    STATE_PREPARING("video.state.preparing"),
    STATE_JOINING("video.state.joining"),
    /** The booth waits for the clerk. */
    STATE_WAITING_RESIDENT("video.state.waiting.resident"),
    /** The clerk waits for the resident. */
    STATE_WAITING_CLERK("video.state.waiting.clerk"),
    STATE_IN_CALL("video.state.in_call"),
    /** {0} is the rejoin attempt (1, 2, …). */
    STATE_RECONNECTING("video.state.reconnecting"),

    DEVICE_ERROR_CAMERA("video.device_error.camera"),
    DEVICE_ERROR_MICROPHONE("video.device_error.microphone"),

    ACTION_MUTE("video.action.mute"),
    ACTION_UNMUTE("video.action.unmute"),
    ACTION_CAMERA_OFF("video.action.camera_off"),
    ACTION_CAMERA_ON("video.action.camera_on"),
    ACTION_HANG_UP("video.action.hang_up"),

    ACCESSIBLE_MICROPHONE_LIVE("video.accessible.microphone.live"),
    ACCESSIBLE_MICROPHONE_MUTED("video.accessible.microphone.muted"),
    ACCESSIBLE_CAMERA_ON("video.accessible.camera.on"),
    ACCESSIBLE_CAMERA_OFF("video.accessible.camera.off"),
    ACCESSIBLE_HANG_UP("video.accessible.hang_up"),

    PLACEHOLDER_TEXT("video.placeholder.text"),
    PLACEHOLDER_ACCESSIBLE("video.placeholder.accessible"),
    PANE_ACCESSIBLE("video.pane.accessible");

    private final String key;

    VideoText(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

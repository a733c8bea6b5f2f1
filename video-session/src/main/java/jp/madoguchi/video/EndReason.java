package jp.madoguchi.video;

/**
 * Why a call ended or failed, in words a resident understands: {@link #messageKey()} names the sentence
 * in the {@code jp.madoguchi.video.messages} bundle, in every booth language.
 */
public enum EndReason {
    /** This side hung up. */
    HUNG_UP(false),
    /** The other side ended the call (for the booth: the clerk). */
    REMOTE_ENDED(false),
    /** No camera is connected. */
    CAMERA_NOT_FOUND(true),
    /** No microphone is connected. */
    MICROPHONE_NOT_FOUND(true),
    /** A camera or microphone exists but cannot be opened (in use by another program, or not permitted). */
    DEVICE_UNAVAILABLE(true),
    /** The connection to the meeting server was lost and could not be restored. */
    NETWORK_LOST(true),
    /** The browser that carries the video is not installed or would not start. */
    BROWSER_UNAVAILABLE(true),
    /** The browser kept stopping; the call could not be restored. */
    BROWSER_CRASHED(true),
    /** The meeting server refused to let this side in (expired or wrong ticket). */
    NOT_ALLOWED(true),
    /** Any other error of the meeting. */
    MEETING_ERROR(true);

    private final boolean failure;

    EndReason(boolean failure) {
        this.failure = failure;
    }

    /** True when the call ended because something went wrong (the state is then {@link VideoState#FAILED}). */
    public boolean isFailure() {
        return failure;
    }

    /** The key of the resident's sentence in the {@code jp.madoguchi.video.messages} bundle. */
    public String messageKey() {
        return "video.reason." + name().toLowerCase(java.util.Locale.ROOT);
    }
}

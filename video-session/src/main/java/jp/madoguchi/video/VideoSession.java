package jp.madoguchi.video;

import java.util.concurrent.CompletableFuture;

/**
 * The video call, as the booth and the clerk console see it: a small state machine ({@link VideoState}) with
 * commands in and {@link VideoEvent}s out. No method blocks: commands are queued to the session's own thread,
 * results arrive as events or futures.
 *
 * <p>Implementations: {@code ChromiumVideoSession} (production: Jitsi Meet in a managed Chromium), and
 * {@code FakeVideoSession} in this module's test jar for screens' tests.
 */
public interface VideoSession extends AutoCloseable {

    /** The current status (thread-safe). */
    VideoStatus status();

    void addListener(VideoListener listener);

    void removeListener(VideoListener listener);

    /**
     * Checks that a camera and a microphone exist and open (then closes them again). Usable while idle, for the
     * maintenance screen; {@link #join} runs the same check first.
     */
    CompletableFuture<DeviceReport> checkDevices();

    /**
     * Starts a call: device check, then the room. Returns at once; progress arrives as events.
     *
     * @throws IllegalStateException when a call is already active ({@link VideoState#isActive()})
     */
    void join(JoinRequest request);

    /** Mutes or unmutes this side's microphone (ignored when no call is joined). */
    void setMicrophoneMuted(boolean muted);

    /** Switches this side's camera off or on (ignored when no call is joined). */
    void setCameraOff(boolean off);

    /** Clerk side: lets a knocking guest in from the lobby. */
    void admit(String participantId);

    /** Leaves the call; the status becomes {@link VideoState#ENDED} with {@link EndReason#HUNG_UP}. */
    void hangUp();

    /** Clerk side: ends the call for everyone (the booth sees {@link EndReason#REMOTE_ENDED}). */
    void endForEveryone();

    /** The call's window, which a {@code VideoPane} keeps over itself. */
    VideoWindow window();

    /** Hangs up if needed and releases everything (browser, ports, profile directory). */
    @Override
    void close();
}

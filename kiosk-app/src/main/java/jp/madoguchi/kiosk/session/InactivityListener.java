package jp.madoguchi.kiosk.session;

/**
 * What the screen shows about inactivity: the countdown warning, once a second, and its disappearance.
 * Called on the scheduler's thread (or the thread that reported activity); a view model hands it on to the
 * FX thread and never blocks here.
 */
public interface InactivityListener {
    /** The countdown warning is (still) showing, with this many whole seconds left before the session ends. */
    void countdown(int secondsLeft);

    /** The warning is gone: the resident touched the booth, or the timer paused or stopped. */
    default void warningCancelled() {
    }
}

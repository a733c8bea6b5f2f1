package jp.madoguchi.kiosk.session;

/**
 * Told about a session's step changes and its end. Called on the thread that made the change, outside the
 * session's lock; a view model hands the news on to the FX thread. A listener that throws is logged and the
 * others are still told.
 */
public interface SessionListener {
    default void stepChanged(ResidentSession session, JourneyStep from, JourneyStep to) {
    }

    default void sessionEnded(ResidentSession session, SessionEnd end) {
    }
}

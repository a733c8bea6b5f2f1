package jp.madoguchi.kiosk.session;

/** A {@link ResidentSession} was used after it ended; the booth must start a new session instead. */
public final class SessionEndedException extends IllegalStateException {
    SessionEndedException(String sessionId, String operation) {
        super("session " + sessionId + " has ended; cannot " + operation);
    }
}

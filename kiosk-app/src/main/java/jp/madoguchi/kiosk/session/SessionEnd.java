package jp.madoguchi.kiosk.session;

/**
 * How a session ended: the cause, the step it was on, how many registered items were wiped and how many
 * of those wipes threw. Nothing personal.
 */
public record SessionEnd(String sessionId, EndCause cause, JourneyStep endedAt, int wiped, int wipeFailures) {
}

/**
 * The resident's session, in plain Java for the view models to wrap: the {@link
 * jp.madoguchi.kiosk.session.JourneyStep steps} and their moves, the {@link
 * jp.madoguchi.kiosk.session.ResidentSession} with its registry of {@link jp.madoguchi.kiosk.session.Wipeable}s
 * and its wipe, and the {@link jp.madoguchi.kiosk.session.InactivityTimer} on an injected clock and scheduler.
 * No JavaFX, no outbox: the signed application in the outbox is what survives a wipe, so the session never
 * reaches for it. Logs and the audit trail carry the random session id, the cause and counts, and at most
 * a reference number.
 */
package jp.madoguchi.kiosk.session;

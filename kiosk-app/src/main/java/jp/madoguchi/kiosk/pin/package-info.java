/**
 * The booth's PIN and signature-password entry, without a screen: {@link jp.madoguchi.kiosk.pin.SecretEntry}
 * (what the pad types into, a wiped {@code char[]}), {@link jp.madoguchi.kiosk.pin.PinAttemptPolicy}
 * (what the screen shows for the tries left) and {@link jp.madoguchi.kiosk.pin.PinSession} (one card
 * session: one typed secret, one try, no retry). A JavaFX view model wraps them
 * (docs/decisions/0021-booth-pin-entry.md).
 */
package jp.madoguchi.kiosk.pin;

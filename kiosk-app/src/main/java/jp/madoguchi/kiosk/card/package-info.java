/**
 * The booth's view of its card reader: {@link jp.madoguchi.kiosk.card.CardSlot} watches the reader through
 * card-reader's watcher and reads the PIN's tries left on the reader's own thread;
 * {@link jp.madoguchi.kiosk.card.CardSessionBridge} ends the resident's session when the card leaves.
 * Plain Java, no screen: the only package of kiosk-app that talks to {@code jp.madoguchi.card.pcsc}.
 */
package jp.madoguchi.kiosk.card;

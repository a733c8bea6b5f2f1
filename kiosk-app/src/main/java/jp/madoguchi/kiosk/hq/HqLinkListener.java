package jp.madoguchi.kiosk.hq;

import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.SubmissionReceipt;

/** What headquarters tells the booth. All methods default to nothing, so a listener implements what it needs. */
public interface HqLinkListener {

    /** Online/offline or the outbox's count changed. */
    default void linkChanged(LinkStatus status) {
    }

    /**
     * Headquarters confirmed an outbox entry (identified by the booth's own reference it was enqueued with);
     * the entry is already deleted from the outbox.
     */
    default void delivered(String boothReference, SubmissionReceipt receipt) {
    }

    /** Headquarters refused an entry for good (e.g. its signature does not verify); it stays for IT staff. */
    default void refused(String boothReference, String errorCode) {
    }

    default void callAnswered(PresenceFrame.CallAnswered answered) {
    }

    default void queuePosition(PresenceFrame.QueuePosition position) {
    }

    /** The clerk who answered the call went away; the call waits in the queue again at {@code position}. */
    default void callReturned(PresenceFrame.CallReturned returned) {
    }

    default void decision(PresenceFrame.Decision decision) {
    }

    /**
     * The clerk of an answered call shows a text and/or a picture on the booth's screen, or clears it
     * ({@link PresenceFrame.ClerkShows#clears()}). The frame's text and picture may be a resident's data: a listener
     * never logs them.
     */
    default void clerkShows(PresenceFrame.ClerkShows shows) {
    }
}

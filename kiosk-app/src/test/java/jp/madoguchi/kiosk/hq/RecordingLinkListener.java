package jp.madoguchi.kiosk.hq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.hqlink.message.PresenceFrame;
import jp.madoguchi.hqlink.message.SubmissionReceipt;

/** Everything a {@link HeadquartersLink} told its listener, in order, for tests to poll. */
public final class RecordingLinkListener implements HqLinkListener {
    public record Delivered(String boothReference, SubmissionReceipt receipt) {
    }

    public record Refused(String boothReference, String errorCode) {
    }

    public final List<LinkStatus> statuses = new CopyOnWriteArrayList<>();
    public final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    public final List<Refused> refused = new CopyOnWriteArrayList<>();
    public final List<PresenceFrame.CallAnswered> answered = new CopyOnWriteArrayList<>();
    public final List<PresenceFrame.QueuePosition> positions = new CopyOnWriteArrayList<>();
    public final List<PresenceFrame.Decision> decisions = new CopyOnWriteArrayList<>();
    public final List<PresenceFrame.ClerkShows> shown = new CopyOnWriteArrayList<>();
    public final List<PresenceFrame.CallReturned> returned = new CopyOnWriteArrayList<>();

    @Override
    public void linkChanged(LinkStatus status) {
        statuses.add(status);
    }

    @Override
    public void delivered(String boothReference, SubmissionReceipt receipt) {
        delivered.add(new Delivered(boothReference, receipt));
    }

    @Override
    public void refused(String boothReference, String errorCode) {
        refused.add(new Refused(boothReference, errorCode));
    }

    @Override
    public void callAnswered(PresenceFrame.CallAnswered frame) {
        answered.add(frame);
    }

    @Override
    public void queuePosition(PresenceFrame.QueuePosition frame) {
        positions.add(frame);
    }

    @Override
    public void callReturned(PresenceFrame.CallReturned frame) {
        returned.add(frame);
    }

    @Override
    public void decision(PresenceFrame.Decision frame) {
        decisions.add(frame);
    }

    @Override
    public void clerkShows(PresenceFrame.ClerkShows frame) {
        shown.add(frame);
    }

    public List<String> deliveredReferences() {
        return delivered.stream().map(Delivered::boothReference).toList();
    }

    /** The online flags reported, in order. */
    public List<Boolean> onlineChanges() {
        return statuses.stream().map(LinkStatus::online).toList();
    }
}

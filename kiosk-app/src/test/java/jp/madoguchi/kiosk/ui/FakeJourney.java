package jp.madoguchi.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.journey.JourneyListener;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.video.testing.FakeVideoSession;

/**
 * A {@link Journey} for screens' tests: the test sets any {@link JourneyView} ({@link #show}) and reads which
 * actions the screens called ({@link #actions()}), in order, as text: {@code touchToStart},
 * {@code chooseLanguage ENGLISH}, {@code answer 2}, {@code confirmIdentity true}, … Listeners are called on the
 * caller's thread (call {@link #show} on the FX thread). A secret entry exists while the view shows a PIN pad or
 * signature keyboard; {@link #submitSecret()} records the submission and wipes the entry, as the real journey does.
 * Nothing moves by itself: the test decides every next view.
 */
public final class FakeJourney implements Journey {
    private final List<JourneyListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private final FakeVideoSession video = new FakeVideoSession();
    private volatile JourneyView view;
    private SecretEntry entry;
    private int secretsSubmitted;
    private int lastSubmittedLength;
    private boolean closed;

    public FakeJourney(JourneyView initial) {
        this.view = Objects.requireNonNull(initial, "initial");
        syncEntry();
    }

    /** Shows {@code next}: every listener is told at once, on this thread. */
    public void show(JourneyView next) {
        this.view = Objects.requireNonNull(next, "next");
        syncEntry();
        for (JourneyListener listener : listeners) {
            listener.journeyChanged(next);
        }
    }

    /** Every action called, in order. */
    public synchronized List<String> actions() {
        return List.copyOf(actions);
    }

    /** How many times an action (its text, e.g. {@code "activity"}) was called. */
    public synchronized long count(String action) {
        return actions.stream().filter(action::equals).count();
    }

    /** The actions other than {@code activity}, which every touch produces. */
    public synchronized List<String> actionsBesidesActivity() {
        return actions.stream().filter(a -> !a.equals("activity")).toList();
    }

    public synchronized void clearActions() {
        actions.clear();
    }

    /** How many secrets were submitted, and the length of the last (never its characters). */
    public synchronized int secretsSubmitted() {
        return secretsSubmitted;
    }

    public synchronized int lastSubmittedLength() {
        return lastSubmittedLength;
    }

    public FakeVideoSession fakeVideo() {
        return video;
    }

    public int listenerCount() {
        return listeners.size();
    }

    private synchronized void record(String action) {
        actions.add(action);
    }

    private synchronized void syncEntry() {
        JourneyStep step = view.step();
        boolean pad = (step == JourneyStep.PIN || step == JourneyStep.SIGNATURE)
                && view.secret().map(screen -> screen.padShown()).orElse(false);
        if (!pad) {
            if (entry != null) {
                entry.close();
                entry = null;
            }
            return;
        }
        PinKind kind = view.secret().get().kind();
        if (entry == null || entry.kind() != kind || entry.isTaken() || entry.isClosed()) {
            entry = new SecretEntry(kind);
        }
    }

    @Override
    public JourneyView view() {
        return view;
    }

    @Override
    public void addListener(JourneyListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(JourneyListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void touchToStart() {
        record("touchToStart");
    }

    @Override
    public void chooseLanguage(BoothLanguage language) {
        record("chooseLanguage " + language.name());
    }

    @Override
    public void chooseProcedure(String formId) {
        record("chooseProcedure " + formId);
    }

    @Override
    public void talkToClerk() {
        record("talkToClerk");
    }

    @Override
    public synchronized Optional<SecretEntry> secretEntry() {
        return Optional.ofNullable(entry);
    }

    @Override
    public void submitSecret() {
        synchronized (this) {
            if (entry != null && entry.isComplete()) {
                char[] secret = entry.take();
                lastSubmittedLength = secret.length;
                java.util.Arrays.fill(secret, '\0');
                secretsSubmitted++;
            }
        }
        record("submitSecret");
    }

    @Override
    public void confirmIdentity(boolean itIsMe) {
        record("confirmIdentity " + itIsMe);
    }

    @Override
    public void acceptUsualAnswers() {
        record("acceptUsualAnswers");
    }

    @Override
    public void changeAnswers() {
        record("changeAnswers");
    }

    @Override
    public void answer(String value) {
        record("answer " + value);
    }

    @Override
    public void confirmReview() {
        record("confirmReview");
    }

    @Override
    public void back() {
        record("back");
    }

    @Override
    public void cancel() {
        record("cancel");
    }

    @Override
    public void finish() {
        record("finish");
    }

    @Override
    public void activity() {
        record("activity");
    }

    @Override
    public FakeVideoSession video() {
        return video;
    }

    @Override
    public synchronized void close() {
        closed = true;
        video.close();
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}

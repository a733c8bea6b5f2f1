package jp.madoguchi.kiosk.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.journey.JourneyListener;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoListener;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.VideoStatus;
import jp.madoguchi.video.VideoWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journey the screens are built on while the real one is still starting (the headquarters link, the forms
 * catalogue, the video session): the booth shows its real attract screen as soon as the toolkit and the store are
 * there. Until {@link #ready(Journey)} it shows the attract screen without procedures, offline; from then on it is
 * the real journey: every action and question is forwarded to it, and its views reach this journey's listeners
 * (the current one at once).
 *
 * <p>Actions before then are <b>dropped</b> (logged at debug): the attract screen's only action is a touch to
 * start, and a touch in the booth's first second does no harm if lost; a queued touch would instead start a
 * session the resident may no longer stand in front of. The video session likewise: idle until the real one is
 * there, its listeners then moved over.
 *
 * <p>Threads: {@link #ready} and the listeners on the FX thread (the callback thread the screens use); the rest
 * from any thread. {@link #close()} does not close the real journey: the {@link Booth} owns it.
 */
public final class StartingJourney implements Journey {
    private static final Logger log = LoggerFactory.getLogger(StartingJourney.class);

    private final JourneyView starting;
    private final List<JourneyListener> listeners = new CopyOnWriteArrayList<>();
    private final JourneyListener forward = this::publish;
    private final StartingVideo video = new StartingVideo();
    private volatile Journey real;
    private volatile boolean closed;

    /** The attract screen shown while starting: no procedures yet, headquarters not (yet) reached. */
    public static StartingJourney attractScreen() {
        return new StartingJourney(JourneyView.attract(List.of(), new JourneyView.LinkView(false, 0),
                Optional.empty()));
    }

    public StartingJourney(JourneyView starting) {
        this.starting = Objects.requireNonNull(starting, "starting");
    }

    /**
     * The real journey is there: from now on everything goes to it, and the listeners are shown its view.
     * On the listeners' thread (the FX thread). Once only.
     */
    public void ready(Journey journey) {
        Objects.requireNonNull(journey, "journey");
        if (real != null) {
            throw new IllegalStateException("the journey is ready already");
        }
        if (closed) {
            return;
        }
        video.ready(journey.video());
        real = journey;
        journey.addListener(forward);
        publish(journey.view());
    }

    /** Whether the real journey is there. */
    public boolean isReady() {
        return real != null;
    }

    private void publish(JourneyView view) {
        for (JourneyListener listener : listeners) {
            listener.journeyChanged(view);
        }
    }

    private void forward(String action, Consumer<Journey> call) {
        Journey journey = real;
        if (journey == null) {
            log.debug("{} while the booth is still starting: dropped", action);
        } else {
            call.accept(journey);
        }
    }

    @Override
    public JourneyView view() {
        Journey journey = real;
        return journey == null ? starting : journey.view();
    }

    @Override
    public void addListener(JourneyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(JourneyListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void touchToStart() {
        forward("touch to start", Journey::touchToStart);
    }

    @Override
    public void chooseLanguage(BoothLanguage language) {
        forward("choose language", journey -> journey.chooseLanguage(language));
    }

    @Override
    public void chooseProcedure(String formId) {
        forward("choose procedure", journey -> journey.chooseProcedure(formId));
    }

    @Override
    public void talkToClerk() {
        forward("talk to clerk", Journey::talkToClerk);
    }

    @Override
    public Optional<SecretEntry> secretEntry() {
        Journey journey = real;
        return journey == null ? Optional.empty() : journey.secretEntry();
    }

    @Override
    public void submitSecret() {
        forward("submit secret", Journey::submitSecret);
    }

    @Override
    public void confirmIdentity(boolean itIsMe) {
        forward("confirm identity", journey -> journey.confirmIdentity(itIsMe));
    }

    @Override
    public void acceptUsualAnswers() {
        forward("accept usual answers", Journey::acceptUsualAnswers);
    }

    @Override
    public void changeAnswers() {
        forward("change answers", Journey::changeAnswers);
    }

    @Override
    public void answer(String value) {
        forward("answer", journey -> journey.answer(value));
    }

    @Override
    public void confirmReview() {
        forward("confirm review", Journey::confirmReview);
    }

    @Override
    public void back() {
        forward("back", Journey::back);
    }

    @Override
    public void cancel() {
        forward("cancel", Journey::cancel);
    }

    @Override
    public void finish() {
        forward("finish", Journey::finish);
    }

    @Override
    public void activity() {
        forward("activity", Journey::activity);
    }

    @Override
    public VideoSession video() {
        return video;
    }

    /** Stops forwarding views; the real journey stays open (the booth closes it). */
    @Override
    public void close() {
        closed = true;
        Journey journey = real;
        if (journey != null) {
            journey.removeListener(forward);
        }
        listeners.clear();
    }

    /**
     * The video session the screens see: idle, with no window, until the real journey's session is there; then
     * that one, with the listeners added before moved over.
     */
    private static final class StartingVideo implements VideoSession {
        private final List<VideoListener> early = new CopyOnWriteArrayList<>();
        private final VideoWindow window = new VideoWindow() {
            @Override
            public void show(ScreenRect bounds) {
                VideoSession session = real;
                if (session != null) {
                    session.window().show(bounds);
                }
            }

            @Override
            public void hide() {
                VideoSession session = real;
                if (session != null) {
                    session.window().hide();
                }
            }
        };
        private volatile VideoSession real;

        synchronized void ready(VideoSession session) {
            real = Objects.requireNonNull(session, "video");
            for (VideoListener listener : early) {
                session.addListener(listener);
            }
            early.clear();
        }

        private VideoSession session(String action) {
            VideoSession session = real;
            if (session == null) {
                log.debug("video {} while the booth is still starting: dropped", action);
            }
            return session;
        }

        @Override
        public VideoStatus status() {
            VideoSession session = real;
            return session == null ? VideoStatus.IDLE : session.status();
        }

        @Override
        public synchronized void addListener(VideoListener listener) {
            VideoSession session = real;
            if (session == null) {
                early.add(Objects.requireNonNull(listener, "listener"));
            } else {
                session.addListener(listener);
            }
        }

        @Override
        public synchronized void removeListener(VideoListener listener) {
            VideoSession session = real;
            if (session == null) {
                early.remove(listener);
            } else {
                session.removeListener(listener);
            }
        }

        @Override
        public CompletableFuture<DeviceReport> checkDevices() {
            VideoSession session = real;
            return session == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("the booth is still starting"))
                    : session.checkDevices();
        }

        @Override
        public void join(JoinRequest request) {
            VideoSession session = session("join");
            if (session != null) {
                session.join(request);
            }
        }

        @Override
        public void setMicrophoneMuted(boolean muted) {
            VideoSession session = session("microphone");
            if (session != null) {
                session.setMicrophoneMuted(muted);
            }
        }

        @Override
        public void setCameraOff(boolean off) {
            VideoSession session = session("camera");
            if (session != null) {
                session.setCameraOff(off);
            }
        }

        @Override
        public void admit(String participantId) {
            VideoSession session = session("admit");
            if (session != null) {
                session.admit(participantId);
            }
        }

        @Override
        public void hangUp() {
            VideoSession session = session("hang up");
            if (session != null) {
                session.hangUp();
            }
        }

        @Override
        public void endForEveryone() {
            VideoSession session = session("end for everyone");
            if (session != null) {
                session.endForEveryone();
            }
        }

        @Override
        public VideoWindow window() {
            return window;
        }

        /** The real session is the journey's (closed with the booth's parts). */
        @Override
        public void close() {
        }
    }
}

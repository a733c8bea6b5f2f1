package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.journey.JourneyListener;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.Test;

/** The screens' journey while the booth is starting: attract screen first, then the real journey's. */
class StartingJourneyTest {
    private static final JourneyView.ProcedureView JUMINHYO =
            new JourneyView.ProcedureView("juminhyo", "住民票の写し", "市民課", true);

    @Test
    void beforeTheRealJourneyTheAttractScreenShowsAndTouchesAreDropped() {
        StartingJourney starting = StartingJourney.attractScreen();
        List<JourneyView> shown = new ArrayList<>();
        starting.addListener(shown::add);

        JourneyView view = starting.view();
        assertEquals(JourneyStep.ATTRACT, view.step());
        assertEquals(List.of(), view.procedures(), "no procedures before the catalogue is read");
        assertFalse(view.link().online(), "headquarters not reached yet");

        starting.touchToStart();
        starting.chooseLanguage(BoothLanguage.ENGLISH);
        starting.activity();
        assertEquals(Optional.empty(), starting.secretEntry());
        assertEquals(VideoStatus.IDLE, starting.video().status());
        starting.video().window().hide(); // no window yet: nothing to hide, no failure

        RecordingJourney real = new RecordingJourney();
        starting.ready(real.journey);
        assertEquals(List.of(), real.calls, "the touches before the journey was ready are not replayed");
        assertEquals(List.of(real.view), shown, "the real journey's view is shown at once");
        assertTrue(starting.isReady());
    }

    @Test
    void onceReadyEveryActionReachesTheRealJourneyAndItsViewsReachTheScreens() {
        StartingJourney starting = StartingJourney.attractScreen();
        List<JourneyView> shown = new ArrayList<>();
        JourneyListener screens = shown::add;
        starting.addListener(screens);
        RecordingJourney real = new RecordingJourney();
        starting.ready(real.journey);

        starting.chooseLanguage(BoothLanguage.JAPANESE);
        starting.chooseProcedure("juminhyo");
        starting.confirmIdentity(true);
        starting.answer("2");
        starting.back();
        assertEquals(List.of("chooseLanguage[JAPANESE]", "chooseProcedure[juminhyo]", "confirmIdentity[true]",
                "answer[2]", "back"), real.calls);
        assertSame(real.view, starting.view());

        JourneyView next = new JourneyView(JourneyStep.PROCEDURE, Optional.of(BoothLanguage.JAPANESE),
                List.of(JUMINHYO), Optional.empty(), real.view.card(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), real.view.link(),
                java.util.OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        real.publish(next);
        assertEquals(List.of(real.view, next), shown);

        // closed with the screens: the real journey's later views no longer reach them, and it stays open
        starting.close();
        real.publish(real.view);
        assertEquals(2, shown.size());
        assertEquals(List.of(), real.listeners, "the forwarding listener is removed from the real journey");
        assertFalse(real.calls.contains("close"), "the booth closes the real journey, not the screens");
    }

    @Test
    void videoListenersAddedBeforeTheRealSessionHearItsEvents() {
        StartingJourney starting = StartingJourney.attractScreen();
        List<VideoEvent> heard = new CopyOnWriteArrayList<>();
        starting.video().addListener(heard::add);
        starting.video().join(FakeVideoSession.sampleRequest(CallRole.RESIDENT)); // dropped: no call before ready

        RecordingJourney real = new RecordingJourney();
        starting.ready(real.journey);
        assertEquals(VideoState.IDLE, real.video.status().state(), "the early join was not replayed");
        starting.video().join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        assertTrue(real.video.status().state() != VideoState.IDLE, "the join reaches the real session");
        assertFalse(heard.isEmpty(), "the screens' video listener hears the real session");
        assertSame(real.video.status(), starting.video().status());
    }

    /** A journey that records the actions it is given and publishes the views a test hands it. */
    private static final class RecordingJourney {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<JourneyListener> listeners = new CopyOnWriteArrayList<>();
        final FakeVideoSession video = new FakeVideoSession();
        final JourneyView view = JourneyView.attract(List.of(JUMINHYO), new JourneyView.LinkView(true, 0),
                Optional.empty());
        final Journey journey = (Journey) Proxy.newProxyInstance(Journey.class.getClassLoader(),
                new Class<?>[] {Journey.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "view" -> view;
                    case "video" -> video;
                    case "addListener" -> {
                        listeners.add((JourneyListener) args[0]);
                        yield null;
                    }
                    case "removeListener" -> {
                        listeners.remove(args[0]);
                        yield null;
                    }
                    case "secretEntry" -> Optional.empty();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RecordingJourney";
                    default -> {
                        calls.add(args == null ? method.getName() : method.getName() + List.of(args));
                        yield null;
                    }
                });

        void publish(JourneyView next) {
            listeners.forEach(listener -> listener.journeyChanged(next));
        }
    }
}

package jp.madoguchi.kiosk.app;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.CallRequest;
import jp.madoguchi.hqlink.message.CallTicket;
import jp.madoguchi.kiosk.card.CardSlot;
import jp.madoguchi.kiosk.card.CardSlotEvent;
import jp.madoguchi.kiosk.hq.HeadquartersLink;
import jp.madoguchi.kiosk.hq.HqLinkListener;
import jp.madoguchi.kiosk.hq.LinkStatus;
import jp.madoguchi.kiosk.i18n.BoothLanguage;
import jp.madoguchi.kiosk.journey.Journey;
import jp.madoguchi.kiosk.journey.JourneyListener;
import jp.madoguchi.kiosk.journey.JourneyView;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.testing.FakeVideoSession;

/**
 * TEST ONLY: stand-ins for the booth's three parts until the real ones (BoothJourney, HqLinkService, BoothWindow)
 * are merged, so that the launcher (options, data directory, store, demo reader and panel, stage, shutdown) can be
 * tested and benchmarked on its own. The journey here does one real thing: it watches the context's card reader
 * through kiosk.card's real {@link CardSlot}, as the real journey must, so the demo's card wiring is proven.
 * The attract "screen" is a placeholder label. Never shipped.
 */
class PlaceholderParts implements BoothParts {
    /** The placeholder attract screen's text. */
    static final String ATTRACT_TEXT = "placeholder attract screen (test parts)";

    final List<PlaceholderLink> links = new CopyOnWriteArrayList<>();
    final List<PlaceholderJourney> journeys = new CopyOnWriteArrayList<>();
    final AtomicBoolean screensClosed = new AtomicBoolean();

    @Override
    public HeadquartersLink headquarters(BoothContext context) {
        PlaceholderLink link = new PlaceholderLink();
        links.add(link);
        return link;
    }

    @Override
    public Journey journey(BoothContext context, HeadquartersLink headquarters) throws Exception {
        Readers readers = context.cards().emulated().map(terminals -> new Readers(terminals.factory()))
                .orElseGet(PlaceholderParts::pcsc);
        PlaceholderJourney journey = new PlaceholderJourney(readers, context);
        journeys.add(journey);
        return journey;
    }

    private static Readers pcsc() {
        try {
            return Readers.pcsc();
        } catch (jp.madoguchi.card.CardException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public AutoCloseable screens(BoothContext context, Journey journey, Stage stage) {
        Label attract = new Label(ATTRACT_TEXT);
        attract.setId("placeholder-attract");
        attract.setStyle("-fx-font-size: 32px;");
        stage.setScene(new Scene(new StackPane(attract), 1280, 800));
        return () -> screensClosed.set(true);
    }

    /** Headquarters out of reach: offline, every call request fails as unreachable. */
    static final class PlaceholderLink implements HeadquartersLink {
        final AtomicBoolean started = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void start() {
            started.set(true);
        }

        @Override
        public LinkStatus status() {
            return new LinkStatus(false, 0, Optional.empty());
        }

        @Override
        public void addListener(HqLinkListener listener) {
        }

        @Override
        public void removeListener(HqLinkListener listener) {
        }

        @Override
        public void deliverNow() {
        }

        @Override
        public CompletableFuture<CallTicket> requestCall(CallRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("placeholder: no headquarters"));
        }

        @Override
        public CompletableFuture<Void> cancelCall(String callId) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void boothState(BoothState state) {
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** The attract screen forever; records the card slot's events. */
    static final class PlaceholderJourney implements Journey {
        final List<CardSlotEvent> cardEvents = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        private final CardSlot slot;
        private final FakeVideoSession video = new FakeVideoSession();
        private final JourneyView view = JourneyView.attract(List.of(), new JourneyView.LinkView(false, 0),
                Optional.empty());

        PlaceholderJourney(Readers readers, BoothContext context) {
            slot = CardSlot.start(readers, context.cards().readerName(), context.fxExecutor(), cardEvents::add);
        }

        @Override
        public JourneyView view() {
            return view;
        }

        @Override
        public void addListener(JourneyListener listener) {
        }

        @Override
        public void removeListener(JourneyListener listener) {
        }

        @Override
        public void touchToStart() {
        }

        @Override
        public void chooseLanguage(BoothLanguage language) {
        }

        @Override
        public void chooseProcedure(String formId) {
        }

        @Override
        public void talkToClerk() {
        }

        @Override
        public Optional<SecretEntry> secretEntry() {
            return Optional.empty();
        }

        @Override
        public void submitSecret() {
        }

        @Override
        public void confirmIdentity(boolean itIsMe) {
        }

        @Override
        public void acceptUsualAnswers() {
        }

        @Override
        public void changeAnswers() {
        }

        @Override
        public void answer(String value) {
        }

        @Override
        public void confirmReview() {
        }

        @Override
        public void back() {
        }

        @Override
        public void cancel() {
        }

        @Override
        public void finish() {
        }

        @Override
        public void activity() {
        }

        @Override
        public VideoSession video() {
            return video;
        }

        @Override
        public void close() {
            slot.close();
            closed.set(true);
        }
    }
}

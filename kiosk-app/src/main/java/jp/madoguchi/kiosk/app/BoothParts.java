package jp.madoguchi.kiosk.app;

import javafx.stage.Stage;
import jp.madoguchi.kiosk.hq.HeadquartersLink;
import jp.madoguchi.kiosk.journey.Journey;

/**
 * The three parts the launcher plugs together; everything else (options, data directory, logging, key and
 * store, the demo card, the stage, shutdown) is the launcher's. Production's parts are built in
 * {@link BoothAssembly#parts()}; tests give their own.
 *
 * <p>Order: {@link #screens} first, on the FX thread, as soon as the store is open, over a {@link StartingJourney}
 * (the attract screen; it becomes the real journey later: the screens must not assume the journey's parts exist);
 * after the screens' first frame {@link #headquarters} then {@link #journey} off the FX thread; the launcher calls
 * {@link HeadquartersLink#start()} after the journey exists (so the journey hears the first status), and closes in
 * reverse: screens, journey, link, then the demo reader and the store.
 */
public interface BoothParts {

    /** The link to headquarters (not started yet). Called off the FX thread. */
    HeadquartersLink headquarters(BoothContext context) throws Exception;

    /** The resident's journey over the context's card reader and this link. Called off the FX thread. */
    Journey journey(BoothContext context, HeadquartersLink headquarters) throws Exception;

    /**
     * On the FX thread: puts the booth's screens into {@code stage} (its scene), not yet shown. The launcher
     * then sizes it ({@link BoothOptions.Display}) and shows it. Returns what to close when the booth stops
     * (listeners removed, timers stopped); the launcher calls it on the FX thread.
     */
    AutoCloseable screens(BoothContext context, Journey journey, Stage stage) throws Exception;
}

package jp.madoguchi.kiosk.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.LongSupplier;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;

/**
 * The hidden way into maintenance: {@value #TAPS} taps in the top-left corner ({@value #CORNER_PX} px square)
 * within {@value #WINDOW_MILLIS} ms. A resident tapping around never hits it by chance; IT staff know it. What
 * follows (the IT PIN, the maintenance screens) is the callback's business. FX thread only.
 */
public final class MaintenanceGesture {
    public static final int TAPS = 5;
    public static final double CORNER_PX = 96;
    public static final long WINDOW_MILLIS = 3000;

    private final LongSupplier clockMillis;
    private final Deque<Long> taps = new ArrayDeque<>();
    private final EventHandler<MouseEvent> filter = this::pressed;
    private Runnable onGesture = () -> { };

    /** @param clockMillis a monotonic clock in milliseconds (injected so tests do not wait) */
    public MaintenanceGesture(LongSupplier clockMillis) {
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    public static MaintenanceGesture withSystemClock() {
        return new MaintenanceGesture(() -> System.nanoTime() / 1_000_000);
    }

    public void setOnGesture(Runnable callback) {
        this.onGesture = Objects.requireNonNull(callback, "callback");
    }

    /** Watches every press on the scene (before the controls see it; the press still reaches them). */
    public void install(Scene scene) {
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, filter);
    }

    private void pressed(MouseEvent event) {
        tap(event.getSceneX(), event.getSceneY());
    }

    /** A press at scene coordinates; @return whether it completed the gesture */
    public boolean tap(double x, double y) {
        if (x > CORNER_PX || y > CORNER_PX) {
            taps.clear();
            return false;
        }
        long now = clockMillis.getAsLong();
        taps.addLast(now);
        while (!taps.isEmpty() && now - taps.peekFirst() > WINDOW_MILLIS) {
            taps.removeFirst();
        }
        if (taps.size() >= TAPS) {
            taps.clear();
            onGesture.run();
            return true;
        }
        return false;
    }
}

package jp.madoguchi.kiosk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MaintenanceGestureTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger opened = new AtomicInteger();
    private final MaintenanceGesture gesture = new MaintenanceGesture(now::get);

    MaintenanceGestureTest() {
        gesture.setOnGesture(opened::incrementAndGet);
    }

    @Test
    void fiveCornerTapsWithinThreeSecondsOpen() {
        for (int i = 0; i < 4; i++) {
            assertFalse(gesture.tap(10, 10));
            now.addAndGet(700);
        }
        assertTrue(gesture.tap(50, 90));
        assertEquals(1, opened.get());
        // the count starts again
        assertFalse(gesture.tap(10, 10));
    }

    @Test
    void slowTapsOrATapElsewhereDoNot() {
        for (int i = 0; i < 6; i++) {
            gesture.tap(10, 10);
            now.addAndGet(800);
        }
        assertEquals(0, opened.get(), "six taps over 4.8 s are never five within 3 s");
        now.addAndGet(10_000);
        for (int i = 0; i < 4; i++) {
            gesture.tap(10, 10);
        }
        gesture.tap(500, 10);
        gesture.tap(10, 10);
        assertEquals(0, opened.get(), "a tap outside the corner starts again");
    }
}

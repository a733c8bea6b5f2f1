package jp.madoguchi.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScreenRectTest {
    @Test
    void wholePixelsCoverTheWholeRectangle() {
        ScreenRect rect = new ScreenRect(10.5, 20.25, 100.2, 50);
        assertEquals(10, rect.left());
        assertEquals(20, rect.top());
        assertEquals(101, rect.pixelWidth(), "10 .. 110.7 → 10 .. 111");
        assertEquals(51, rect.pixelHeight(), "20 .. 70.25 → 20 .. 71");
        assertEquals(-5, new ScreenRect(-4.5, 0, 1, 1).left(), "a second monitor on the left has negative x");
    }

    @Test
    void notARectangleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScreenRect(0, 0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScreenRect(0, 0, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ScreenRect(Double.POSITIVE_INFINITY, 0, 1, 1));
    }
}

package jp.madoguchi.video;

/**
 * A rectangle on the screen, in JavaFX screen coordinates (logical pixels), where the call's window goes.
 */
public record ScreenRect(double x, double y, double width, double height) {

    public ScreenRect {
        if (!(width >= 0) || !(height >= 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("not a rectangle: " + x + "," + y + " " + width + "x" + height);
        }
    }

    /** Whole pixels, as a window system places windows: origin rounded down, far corner rounded up. */
    public int left() {
        return (int) Math.floor(x);
    }

    public int top() {
        return (int) Math.floor(y);
    }

    public int pixelWidth() {
        return (int) Math.ceil(x + width) - left();
    }

    public int pixelHeight() {
        return (int) Math.ceil(y + height) - top();
    }
}

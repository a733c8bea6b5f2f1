package jp.madoguchi.video;

/**
 * The call's own window, which lies over the {@code VideoPane} of the JavaFX scene. The pane tells it
 * where to be; the implementation may coalesce rapid moves and must never block the caller (the FX thread).
 */
public interface VideoWindow {
    /** Place the window exactly over this rectangle and show it. */
    void show(ScreenRect bounds);

    /** Hide the window (the pane is hidden, off the scene, or its stage is not showing). */
    void hide();
}

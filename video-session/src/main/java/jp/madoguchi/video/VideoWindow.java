package jp.madoguchi.video;

/**
 * The call's own window, which lies over the {@code VideoPane} of the JavaFX scene. The pane tells it
 * where to be; the implementation may coalesce rapid moves and must never block the caller (the FX thread).
 */
public interface VideoWindow {
    /**
     * Place the window exactly over this rectangle and show it, above the booth's window. Called again with the same
     * rectangle when the booth's window was brought to the front over it.
     */
    void show(ScreenRect bounds);

    /** Hide the window (the pane is hidden, off the scene, or its stage is not showing). */
    void hide();
}

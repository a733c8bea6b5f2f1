package jp.madoguchi.video;

/**
 * Receives a session's events, in order, on the session's own event thread (never the FX thread: a
 * JavaFX view model hops to it with {@code Platform.runLater}, see {@code FxVideoSession}).
 */
@FunctionalInterface
public interface VideoListener {
    void onEvent(VideoEvent event);
}

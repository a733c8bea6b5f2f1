package jp.madoguchi.video.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.madoguchi.video.ScreenRect;
import jp.madoguchi.video.VideoWindow;

/** A {@link VideoWindow} that records where it was told to be. Thread-safe. */
public final class RecordingVideoWindow implements VideoWindow {

    /** One call: {@code show(bounds)} when bounds is present, {@code hide()} when empty. */
    public record WindowCall(Optional<ScreenRect> bounds) {
        public static WindowCall shown(ScreenRect bounds) {
            return new WindowCall(Optional.of(bounds));
        }

        public static WindowCall hidden() {
            return new WindowCall(Optional.empty());
        }

        public boolean isShow() {
            return bounds.isPresent();
        }

        @Override
        public String toString() {
            return bounds.map(b -> "show(" + b.x() + "," + b.y() + " " + b.width() + "x" + b.height() + ")")
                    .orElse("hide()");
        }
    }

    private final List<WindowCall> calls = new ArrayList<>();

    @Override
    public synchronized void show(ScreenRect bounds) {
        calls.add(WindowCall.shown(bounds));
    }

    @Override
    public synchronized void hide() {
        calls.add(WindowCall.hidden());
    }

    /** Every call so far, oldest first. */
    public synchronized List<WindowCall> calls() {
        return List.copyOf(calls);
    }

    /** The last call, if any. */
    public synchronized Optional<WindowCall> last() {
        return calls.isEmpty() ? Optional.empty() : Optional.of(calls.get(calls.size() - 1));
    }

    /** Where the window is now: the last show's bounds, or empty when hidden or never shown. */
    public synchronized Optional<ScreenRect> current() {
        return last().flatMap(WindowCall::bounds);
    }

    public synchronized void clear() {
        calls.clear();
    }
}

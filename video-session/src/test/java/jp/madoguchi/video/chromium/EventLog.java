package jp.madoguchi.video.chromium;

import jp.madoguchi.video.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoListener;
import jp.madoguchi.video.VideoState;

/** Everything a session told its listeners, for tests to wait on. */
final class EventLog implements VideoListener {
    private final List<VideoEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(VideoEvent event) {
        events.add(event);
    }

    List<VideoEvent> events() {
        return List.copyOf(events);
    }

    void clear() {
        events.clear();
    }

    <T extends VideoEvent> T await(Class<T> type, Predicate<T> matching, Duration max) {
        Poll.until(max, () -> find(type, matching) != null, () -> "no " + type.getSimpleName() + " in " + events);
        return find(type, matching);
    }

    <T extends VideoEvent> T find(Class<T> type, Predicate<T> matching) {
        for (VideoEvent e : events) {
            if (type.isInstance(e) && matching.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        return null;
    }

    /** The states passed through, in order. */
    List<VideoState> states() {
        return events.stream().filter(VideoEvent.StatusChanged.class::isInstance)
                .map(e -> ((VideoEvent.StatusChanged) e).current().state()).toList();
    }
}

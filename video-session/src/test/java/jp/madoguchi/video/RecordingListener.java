package jp.madoguchi.video;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event a session reported, in order. Thread-safe. */
final class RecordingListener implements VideoListener {
    private final List<VideoEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(VideoEvent event) {
        events.add(event);
    }

    synchronized List<VideoEvent> events() {
        return List.copyOf(events);
    }

    /** The states the status went through, from the StatusChanged events. */
    synchronized List<VideoState> states() {
        List<VideoState> states = new ArrayList<>();
        for (VideoEvent event : events) {
            if (event instanceof VideoEvent.StatusChanged changed && changed.previous().state() != changed.current().state()) {
                states.add(changed.current().state());
            }
        }
        return states;
    }

    synchronized <T extends VideoEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized void clear() {
        events.clear();
    }
}

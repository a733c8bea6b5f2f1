package jp.madoguchi.kiosk.journey;

/** Told about every new {@link JourneyView}, on the journey's callback executor. */
@FunctionalInterface
public interface JourneyListener {
    void journeyChanged(JourneyView view);
}

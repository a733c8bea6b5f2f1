package jp.madoguchi.kiosk.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that starts at the real time and moves only when told: lockouts and idle closes without sleeping. */
public final class MovableClock extends Clock {
    private volatile Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}

package jp.madoguchi.kiosk.maintenance;

import java.time.Duration;

/** A check's result and how long it took. */
public record CheckOutcome(Check check, CheckResult result, Duration duration) {
}

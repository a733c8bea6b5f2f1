package jp.madoguchi.kiosk.hq;

import java.time.Instant;
import java.util.Optional;

/**
 * @param online the presence channel is open (headquarters answers)
 * @param pendingDeliveries signed applications in the outbox not yet confirmed by headquarters
 * @param lastContact when headquarters last answered, if ever
 */
public record LinkStatus(boolean online, int pendingDeliveries, Optional<Instant> lastContact) {
}

package jp.madoguchi.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import jp.madoguchi.hq.security.BoothRevocations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BoothsTest extends DatabaseTestSupport {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final BigInteger SERIAL_A = new BigInteger("00ab12cd34ef", 16);
    private static final BigInteger SERIAL_B = new BigInteger("7f0000000000000001", 16);
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void anEnrolledBoothIsFoundByIdAndBySerial(DatabaseKind kind) {
        Booths booths = new Booths(freshDatabase(kind));
        String id = Booths.newBoothId();
        assertTrue(id.matches("booth-[a-z2-9]{12}"), id);
        Booth added = booths.add(id, "Kita branch 1", SERIAL_A, PEM, NOW);
        booths.add(Booths.newBoothId(), "Aoba community centre", SERIAL_B, PEM, NOW);

        assertEquals(Optional.of(added), booths.findById(id));
        assertEquals(Optional.of(added), booths.findBySerial(SERIAL_A));
        assertEquals(Optional.empty(), booths.findBySerial(BigInteger.TEN));
        assertEquals(List.of("Aoba community centre", "Kita branch 1"), booths.list().stream().map(Booth::name).toList());
        assertThrows(StoreException.class, () -> booths.add(Booths.newBoothId(), "copy", SERIAL_A, PEM, NOW),
                "a serial belongs to one booth");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aRevocationIsSeenByTheTlsLayerAtOnce(DatabaseKind kind) {
        Booths booths = new Booths(freshDatabase(kind), Duration.ofHours(1), new AtomicLong()::get);
        String id = Booths.newBoothId();
        booths.add(id, "Kita branch 1", SERIAL_A, PEM, NOW);
        booths.add(Booths.newBoothId(), "Kita branch 2", SERIAL_B, PEM, NOW);
        BoothRevocations revocations = booths;
        assertFalse(revocations.isRevoked(SERIAL_A));

        assertTrue(booths.revoke(id, NOW.plusSeconds(5)));

        assertTrue(revocations.isRevoked(SERIAL_A), "without waiting for the cache to age");
        assertFalse(revocations.isRevoked(SERIAL_B));
        assertEquals(NOW.plusSeconds(5), booths.findById(id).orElseThrow().revokedAt());
        assertFalse(booths.revoke(id, NOW.plusSeconds(9)), "already revoked");
        assertEquals(NOW.plusSeconds(5), booths.findById(id).orElseThrow().revokedAt(), "the first time stands");
        assertFalse(booths.revoke("booth-unknown", NOW));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aRevocationByAnotherProcessIsSeenOnceTheCacheAges(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        AtomicLong nanos = new AtomicLong();
        Booths server = new Booths(database, Duration.ofSeconds(5), nanos::get);
        Booths otherProcess = new Booths(database);
        String id = Booths.newBoothId();
        server.add(id, "Kita branch 1", SERIAL_A, PEM, NOW);
        assertFalse(server.isRevokedSerial(SERIAL_A));

        otherProcess.revoke(id, NOW);
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertFalse(server.isRevokedSerial(SERIAL_A), "a 4 s old cache is still trusted");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(server.isRevokedSerial(SERIAL_A), "a 6 s old cache is reloaded");

        Booths restarted = new Booths(database);
        assertTrue(restarted.isRevokedSerial(SERIAL_A), "loaded at start");
    }
}

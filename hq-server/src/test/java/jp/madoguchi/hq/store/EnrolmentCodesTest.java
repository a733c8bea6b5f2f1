package jp.madoguchi.hq.store;

import jp.madoguchi.hq.security.Sha256;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnrolmentCodesTest extends DatabaseTestSupport {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aCodeWorksOnceAndOnlyBeforeItExpires(DatabaseKind kind) {
        EnrolmentCodes codes = new EnrolmentCodes(freshDatabase(kind), clock);
        String once = Sha256.hex("ONCE-1234");
        String expiring = Sha256.hex("LATE-5678");
        codes.create(once, "Kita branch 1", NOW.plus(Duration.ofHours(1)), "it-staff");
        codes.create(expiring, "Kita branch 2", NOW.plus(Duration.ofHours(1)), "it-staff");

        Optional<EnrolmentCode> consumed = codes.consume(once, NOW.plusSeconds(60));
        assertTrue(consumed.isPresent());
        assertEquals("Kita branch 1", consumed.get().boothName());
        assertEquals(NOW.plusSeconds(60), consumed.get().usedAt());
        assertEquals(Optional.empty(), codes.consume(once, NOW.plusSeconds(61)), "second use");

        assertEquals(Optional.empty(), codes.consume(expiring, NOW.plus(Duration.ofHours(1))), "at expiry");
        assertEquals(Optional.empty(), codes.consume(Sha256.hex("NEVER-MADE"), NOW), "unknown code");
        assertEquals(List.of(), codes.listOpen(NOW.plus(Duration.ofHours(1))));
        assertEquals(List.of(expiring), codes.listOpen(NOW).stream().map(EnrolmentCode::codeHash).toList());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void onlyTheHashIsStoredAndAPlainCodeIsRefused(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        EnrolmentCodes codes = new EnrolmentCodes(database, clock);
        assertThrows(IllegalArgumentException.class,
                () -> codes.create("PLAIN-CODE-1234", "Kita", NOW.plusSeconds(600), "it-staff"));
        codes.create(Sha256.hex("SECRET-CODE-9876".toCharArray()), "Kita", NOW.plusSeconds(600), "it-staff");

        List<String> stored = allValues(database, "enrolment_codes");
        assertFalse(stored.isEmpty());
        assertTrue(stored.stream().noneMatch(value -> value.contains("SECRET-CODE-9876")), stored.toString());
        assertTrue(stored.contains(Sha256.hex("SECRET-CODE-9876")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void ofConcurrentConsumesOfOneCodeExactlyOneWins(DatabaseKind kind) throws Exception {
        EnrolmentCodes codes = new EnrolmentCodes(freshDatabase(kind), clock);
        int rounds = 20;
        int contenders = 8;
        ExecutorService threads = Executors.newFixedThreadPool(contenders);
        try {
            long started = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                String hash = Sha256.hex("RACE-" + round);
                codes.create(hash, "booth " + round, NOW.plusSeconds(600), "it-staff");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<EnrolmentCode>>> attempts = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    attempts.add(threads.submit(() -> {
                        go.await();
                        return codes.consume(hash, NOW.plusSeconds(1));
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Optional<EnrolmentCode>> attempt : attempts) {
                    winners += attempt.get().isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
            System.out.printf("[timing] %s: %d rounds of %d concurrent consumes of one code: %d ms%n",
                    kind, rounds, contenders, (System.nanoTime() - started) / 1_000_000);
        } finally {
            threads.shutdownNow();
        }
    }
}

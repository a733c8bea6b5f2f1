package jp.madoguchi.hq.store;

import static jp.madoguchi.hq.store.ApplicationsTest.addBooth;
import static jp.madoguchi.hq.store.ApplicationsTest.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecisionsTest extends DatabaseTestSupport {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void anApplicationIsDecidedOnceAndTheDecisionIsAttributed(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        String reference = submitOne(database);
        String clerk = addClerk(database, "suzuki");
        String otherClerk = addClerk(database, "tanaka");
        Decisions decisions = new Decisions(database);

        DecisionResult.Recorded recorded = assertInstanceOf(DecisionResult.Recorded.class, decisions.decide(
                reference, ApplicationStatus.CORRECTION_NEEDED, "住所の番地をご確認ください", clerk, NOW.plusSeconds(90)));
        StoredApplication decided = recorded.application();
        assertEquals(ApplicationStatus.CORRECTION_NEEDED, decided.status());
        assertEquals("住所の番地をご確認ください", decided.decisionMessage());
        assertEquals(clerk, decided.decidedBy());
        assertEquals(NOW.plusSeconds(90), decided.decidedAt());

        DecisionResult second = decisions.decide(reference, ApplicationStatus.ACCEPTED, null, otherClerk,
                NOW.plusSeconds(95));
        assertEquals(new DecisionResult.AlreadyDecided(decided), second, "the first decision stands");
        assertEquals(new DecisionResult.NotFound("20261123-NONE00"),
                decisions.decide("20261123-NONE00", ApplicationStatus.ACCEPTED, null, clerk, NOW));
        assertThrows(IllegalArgumentException.class,
                () -> decisions.decide(reference, ApplicationStatus.RECEIVED, null, clerk, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void ofTwoClerksDecidingAtOnceExactlyOneIsRecorded(DatabaseKind kind) throws Exception {
        Database database = freshDatabase(kind);
        Decisions decisions = new Decisions(database);
        List<String> clerks = List.of(addClerk(database, "suzuki"), addClerk(database, "tanaka"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String reference = submitOne(database);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<DecisionResult>> attempts = new ArrayList<>();
                for (String clerk : clerks) {
                    attempts.add(threads.submit(() -> {
                        go.await();
                        return decisions.decide(reference, ApplicationStatus.ACCEPTED, null, clerk, NOW);
                    }));
                }
                go.countDown();
                int recorded = 0;
                for (Future<DecisionResult> attempt : attempts) {
                    recorded += attempt.get() instanceof DecisionResult.Recorded ? 1 : 0;
                }
                assertEquals(1, recorded, "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String submitOne(Database database) {
        String booth = addBooth(database, (int) (Math.random() * 1_000_000));
        Applications applications = new Applications(database, ReferenceNumbers.datedRandom(ZoneId.of("Asia/Tokyo")));
        return ((SubmitResult.Stored) applications.submit(submission(booth, "key", "山田 太郎"), NOW))
                .application().reference();
    }

    private static String addClerk(Database database, String username) {
        ClerkAccounts accounts = new ClerkAccounts(database, new FakePasswordHashing(), Clock.fixed(NOW, ZoneId.of("UTC")),
                LockoutPolicy.DEFAULT);
        return accounts.create(username, username, "password".toCharArray()).id();
    }
}

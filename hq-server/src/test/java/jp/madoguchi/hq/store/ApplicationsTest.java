package jp.madoguchi.hq.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApplicationsTest extends DatabaseTestSupport {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final ReferenceNumbers REFERENCES = ReferenceNumbers.datedRandom(ZoneId.of("Asia/Tokyo"));

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aSubmissionIsStoredWithAReadableReference(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        String booth = addBooth(database, 1);
        Applications applications = new Applications(database, REFERENCES);
        Submission submission = submission(booth, "key-1", "山田 太郎");

        SubmitResult.Stored stored = assertInstanceOf(SubmitResult.Stored.class, applications.submit(submission, NOW));

        StoredApplication application = stored.application();
        assertFalse(stored.resubmission());
        assertTrue(application.reference().matches("20261123-[2-9A-HJKMNP-Z]{6}"), application.reference());
        assertEquals(ApplicationStatus.RECEIVED, application.status());
        assertArrayEquals(submission.canonicalJson(), application.canonicalJson());
        assertArrayEquals(submission.cms(), application.cms());
        assertEquals(submission.verificationJson(), application.verificationJson());
        assertEquals(NOW, application.createdAt());
        assertEquals(Optional.of(application), applications.findByReference(application.reference()));
        assertEquals(Optional.of(application), applications.findByIdempotencyKey(booth, "key-1"));
        assertEquals(Optional.of(application), applications.findForBooth(booth, application.reference()));
        assertEquals(List.of(application), applications.list(ApplicationStatus.RECEIVED, 10));
        assertFalse(application.toString().contains("山田"), "toString is safe to log");
        assertFalse(submission.toString().contains("山田"), "toString is safe to log");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aResentSubmissionGetsTheFirstRecordAndAChangedOneAConflict(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        String booth = addBooth(database, 1);
        String otherBooth = addBooth(database, 2);
        Applications applications = new Applications(database, REFERENCES);
        StoredApplication first = ((SubmitResult.Stored) applications.submit(
                submission(booth, "key-1", "山田 太郎"), NOW)).application();

        SubmitResult again = applications.submit(submission(booth, "key-1", "山田 太郎"), NOW.plusSeconds(30));
        assertEquals(new SubmitResult.Stored(first, true), again);

        SubmitResult changed = applications.submit(submission(booth, "key-1", "山田 花子"), NOW.plusSeconds(40));
        assertEquals(new SubmitResult.IdempotencyKeyConflict(booth, "key-1", first.reference()), changed);

        SubmitResult sameKeyOtherBooth = applications.submit(submission(otherBooth, "key-1", "佐藤 一郎"), NOW);
        assertFalse(((SubmitResult.Stored) sameKeyOtherBooth).resubmission(), "keys are per booth");
        assertEquals(2, count(database, "applications"));
        assertEquals(Optional.empty(), applications.findForBooth(otherBooth, first.reference()),
                "a booth cannot read another booth's application");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void aReferenceDrawnTwiceIsDrawnAgain(DatabaseKind kind) {
        Database database = freshDatabase(kind);
        String booth = addBooth(database, 1);
        AtomicInteger draws = new AtomicInteger();
        ReferenceNumbers clashing = now -> draws.incrementAndGet() <= 2 ? "20261123-SAME00" : "20261123-OTHER0";
        Applications applications = new Applications(database, clashing);

        applications.submit(submission(booth, "key-1", "山田 太郎"), NOW);
        SubmitResult second = applications.submit(submission(booth, "key-2", "山田 花子"), NOW);

        assertEquals("20261123-OTHER0", ((SubmitResult.Stored) second).application().reference());
        assertEquals(3, draws.get());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void twoHundredBoothsSubmittingAtOnceEachGetTheirOwnApplicationStoredOnce(DatabaseKind kind) throws Exception {
        Database database = freshDatabase(kind);
        int boothCount = 200;
        List<String> booths = new ArrayList<>();
        for (int i = 0; i < boothCount; i++) {
            booths.add(addBooth(database, i));
        }
        Applications applications = new Applications(database, REFERENCES);

        List<SubmitResult> results = race(boothCount, i -> applications.submit(
                submission(booths.get(i), "key-" + i, "住民 " + i), NOW), kind + ": 200 distinct submissions");

        assertEquals(boothCount, count(database, "applications"));
        Set<String> references = new HashSet<>();
        for (int i = 0; i < boothCount; i++) {
            Submission mine = submission(booths.get(i), "key-" + i, "住民 " + i);
            StoredApplication answer = ((SubmitResult.Stored) results.get(i)).application();
            assertEquals(booths.get(i), answer.boothId(), "booth " + i + " got its own result");
            assertArrayEquals(mine.canonicalJson(), answer.canonicalJson(), "booth " + i + " got its own content");
            assertArrayEquals(mine.cms(), answer.cms());
            assertEquals(Optional.of(answer), applications.findByIdempotencyKey(booths.get(i), "key-" + i),
                    "stored as answered");
            references.add(answer.reference());
        }
        assertEquals(boothCount, references.size(), "every application has its own reference");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void fiftyResendsOfOneSubmissionArrivingAtOnceAreStoredOnce(DatabaseKind kind) throws Exception {
        Database database = freshDatabase(kind);
        String booth = addBooth(database, 1);
        Applications applications = new Applications(database, REFERENCES);
        int senders = 50;

        List<SubmitResult> results = race(senders, i -> applications.submit(
                submission(booth, "the-key", "山田 太郎"), NOW.plusMillis(i)), kind + ": 50 resends of one submission");

        assertEquals(1, count(database, "applications"));
        Set<String> references = new HashSet<>();
        int firsts = 0;
        for (SubmitResult result : results) {
            SubmitResult.Stored stored = assertInstanceOf(SubmitResult.Stored.class, result);
            references.add(stored.application().reference());
            firsts += stored.resubmission() ? 0 : 1;
        }
        assertEquals(1, references.size(), "every sender got the same reference");
        assertEquals(1, firsts, "exactly one sender stored it");
    }

    @org.junit.jupiter.api.Test
    void twoProcessesOnOneSqliteFileWaitForEachOtherInsteadOfFailingBusy() throws Exception {
        String url = emptyDatabaseUrl(DatabaseKind.SQLITE);
        Database server = track(Database.open(url));
        Database secondPool = track(Database.open(url)); // as a CLI running beside the server would
        String booth = addBooth(server, 1);
        Applications viaServer = new Applications(server, REFERENCES);
        Applications viaSecond = new Applications(secondPool, REFERENCES);

        List<SubmitResult> results = race(100, i -> (i % 2 == 0 ? viaServer : viaSecond).submit(
                submission(booth, "key-" + i, "住民 " + i), NOW), "SQLITE: 100 submissions through two pools");

        assertEquals(100, count(server, "applications"));
        assertTrue(results.stream().allMatch(SubmitResult.Stored.class::isInstance));
    }

    private interface Indexed<T> {
        T call(int index) throws Exception;
    }

    /** Runs {@code task(0..n-1)} on n threads released at the same moment; prints how long it took. */
    private static <T> List<T> race(int n, Indexed<T> task, String label) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call(index);
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            long started = System.nanoTime();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            System.out.printf("[timing] %s: %d ms%n", label, (System.nanoTime() - started) / 1_000_000);
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    static String addBooth(Database database, int number) {
        String id = Booths.newBoothId();
        new Booths(database).add(id, "booth " + number, BigInteger.valueOf(1000L + number),
                "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", NOW);
        return id;
    }

    /** A submission whose bytes name the resident, so a mix-up between booths would show. */
    static Submission submission(String boothId, String key, String residentName) {
        byte[] json = ("{\"form\":\"juminhyo\",\"resident\":\"" + residentName + "\",\"booth\":\"" + boothId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] cms = ("CMS over " + residentName).getBytes(StandardCharsets.UTF_8);
        return new Submission(boothId, key, "juminhyo", "shimin-ka", json, cms,
                "{\"signature\":\"PASS\",\"chain\":\"PASS\",\"crl\":\"PASS\"}");
    }
}

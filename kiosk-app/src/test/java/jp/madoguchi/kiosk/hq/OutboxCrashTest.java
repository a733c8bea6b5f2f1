package jp.madoguchi.kiosk.hq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.RetryPolicy;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.OutboxEntry;
import jp.madoguchi.video.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth process killed with SIGKILL ({@link Process#destroyForcibly()}) while it writes its outbox and while it
 * delivers it (issue 9: "on restart nothing signed is lost or duplicated"). The booth is {@link OutboxCrashChild}, a
 * separate JVM with the real {@link BoothStore} and key file; headquarters is a real {@link DemoHeadquarters}; the
 * applications are signed by an emulated My Number card (a few KB each, like the journey's).
 *
 * <p>The kill moments are random (the seed is printed, and {@code -Doutbox.crash.seed=N} replays one): during the
 * JVM's start or the store's opening (the first one runs the schema migration; later ones recover the WAL the
 * previous kill left), right after an enqueue returned (the next transaction is then being written: the journal and
 * its fsync), and anywhere. After each kill the next booth process opens the same file as the booth would after a
 * power cut, with no repair step.
 */
class OutboxCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WRITE_KILLS = 22;
    private static final int PER_RUN = 12;
    /** Enough that no run can find it used up: a run enqueues at most PER_RUN. */
    private static final int WRITE_POOL = WRITE_KILLS * PER_RUN;
    private static final int SEND_POOL = 12;
    private static final int SEND_KILLS = 4;
    private static DemoHeadquarters hq;
    private static SignedSubmissions signed;

    @TempDir
    Path dir;
    private Random random;
    private long seed;

    @BeforeAll
    static void startHeadquarters() throws Exception {
        hq = DemoHeadquarters.start();
        signed = new SignedSubmissions(hq.authority());
    }

    @AfterAll
    static void stopHeadquarters() {
        hq.close();
    }

    @AfterEach
    void noBoothProcessLeft() {
        Child.killAll();
    }

    @BeforeEach
    void seed() {
        seed = Long.getLong("outbox.crash.seed", System.nanoTime());
        random = new Random(seed);
    }

    /** One prepared application: what the journey would enqueue. */
    private record Prepared(int index, String reference, String idempotencyKey, byte[] payload) {
    }

    private List<Prepared> prepare(int count, char series, Path file) throws Exception {
        List<Prepared> pool = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String reference = String.format("MD-20261124-%c%05d", series, i);
            byte[] payload = HqLinkService.outboxPayload(signed.juminhyo(reference));
            Prepared prepared = new Prepared(i, reference, HqClient.newIdempotencyKey(), payload);
            pool.add(prepared);
            lines.append(i).append('\t').append(reference).append('\t').append(prepared.idempotencyKey())
                    .append('\t').append(Base64.getEncoder().encodeToString(payload)).append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.US_ASCII);
        return pool;
    }

    @Test
    void aBoothKilledWhileWritingItsOutboxLosesNothingItReportedAndDuplicatesNothing() throws Exception {
        long started = System.nanoTime();
        Path pool = dir.resolve("pool.tsv");
        List<Prepared> prepared = prepare(WRITE_POOL, 'W', pool);
        double prepareSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Prepared> byReference = new HashMap<>();
        prepared.forEach(p -> byReference.put(p.reference(), p));
        Path db = dir.resolve("booth").resolve("booth.db");
        Path keyFile = dir.resolve("booth").resolve("booth.key");
        BoothKey.loadOrCreate(keyFile).close();

        Map<Integer, String> reported = new LinkedHashMap<>();
        Set<Integer> inFlight = new HashSet<>(); // started by a killed process, never reported: may or may not be there
        int cursor = 0;
        int hotWalStarts = 0;
        int killedAfterAnEnqueue = 0;
        int entriesSeenAtOpen = -1;
        for (int run = 0; run < WRITE_KILLS; run++) {
            Path wal = Path.of(db + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) {
                hotWalStarts++;
            }
            int to = Math.min(cursor + PER_RUN, WRITE_POOL);
            Child child = Child.start(dir, run, "write", db.toString(), keyFile.toString(), pool.toString(),
                    Integer.toString(cursor), Integer.toString(to));
            int plan = run == 0 ? 3 : random.nextInt(4);
            switch (plan) {
                case 0, 1 -> {
                    // right after the k-th enqueue returned: the next one's transaction is being written
                    child.awaitLine("ENQUEUED", 1 + random.nextInt(6));
                    if (plan == 0) {
                        spinMicros(random.nextInt(3000));
                    }
                    killedAfterAnEnqueue++;
                }
                case 2 -> {
                    child.awaitLine("OPEN", 1);
                    Thread.sleep(random.nextInt(30));
                }
                default -> child.awaitMillisOrDone(100 + random.nextInt(800));
            }
            List<String> lines = child.kill();
            int lastStarted = -1;
            boolean opened = false;
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields[0].equals("OPEN")) {
                    opened = true;
                    int waiting = Integer.parseInt(fields[1]);
                    assertTrue(waiting >= reported.size() && waiting <= reported.size() + inFlight.size(),
                            "run " + run + " opened the store and found " + waiting + " entries; reported so far "
                                    + reported.size() + ", in flight " + inFlight.size() + "; seed " + seed);
                    entriesSeenAtOpen = waiting;
                } else if (fields[0].equals("ENQUEUED")) {
                    int index = Integer.parseInt(fields[1]);
                    assertEquals(byReference.get(fields[2]).index(), index);
                    reported.put(index, fields[2]);
                    lastStarted = index;
                }
            }
            if (opened) {
                int next = lastStarted < 0 ? cursor : lastStarted + 1;
                if (next < to) {
                    inFlight.add(next); // its enqueue may have committed before the kill, unreported
                    cursor = next + 1;
                } else {
                    cursor = to;
                }
            }
        }

        double killSeconds = (System.nanoTime() - started) / 1e9 - prepareSeconds;
        BoothKey key = BoothKey.load(keyFile);
        BoothStore store = BoothStore.open(db, key); // after the last kill: the WAL is recovered, no repair step
        try {
            List<OutboxEntry> entries = store.outbox().pending(); // every entry decrypts, or this throws
            List<String> references = entries.stream().map(OutboxEntry::reference).toList();
            Set<String> distinct = new HashSet<>(references);
            assertEquals(references.size(), distinct.size(), "no reference twice; seed " + seed);
            for (String reference : reported.values()) {
                assertTrue(distinct.contains(reference), reference + " was reported enqueued and is lost; seed " + seed);
            }
            int lastIndex = -1;
            int committedUnreported = 0;
            for (OutboxEntry entry : entries) {
                Prepared source = byReference.get(entry.reference());
                assertTrue(source != null, "an entry the booth never wrote: " + entry);
                assertTrue(source.index() > lastIndex, "order kept: " + references + "; seed " + seed);
                lastIndex = source.index();
                if (!reported.containsKey(source.index())) {
                    assertTrue(inFlight.contains(source.index()), entry + " neither reported nor in flight");
                    committedUnreported++;
                }
                assertEquals(source.idempotencyKey(), entry.idempotencyKey());
                assertArrayEquals(source.payload(), entry.payload(), "the application as signed: " + entry);
            }
            assertEquals("ok", integrityCheck(db));
            assertTrue(store.audit().verify().ok(), store.audit().verify().toString());
            // the entry and its two audit rows are one transaction: never a signed application without its record
            assertEquals(references, audited(db, "APPLICATION_SIGNED"), "APPLICATION_SIGNED for exactly the entries; seed "
                    + seed);
            assertEquals(references, audited(db, "OUTBOX_ENQUEUED"), "OUTBOX_ENQUEUED for exactly the entries; seed "
                    + seed);

            // and headquarters gets each exactly once, in order
            List<String> before = hq.idempotencyKeysInArrivalOrder();
            RecordingLinkListener listener = new RecordingLinkListener();
            long deliverStart = System.nanoTime();
            try (HqLinkService link = link(store)) {
                link.addListener(listener);
                link.start();
                Poll.until(WAIT, () -> listener.delivered.size() >= entries.size(),
                        () -> "delivered " + listener.delivered.size() + " of " + entries.size());
            }
            double deliverSeconds = (System.nanoTime() - deliverStart) / 1e9;
            assertEquals(references, listener.deliveredReferences(), "delivered in the order enqueued");
            List<String> arrived = new ArrayList<>(hq.idempotencyKeysInArrivalOrder());
            arrived.removeAll(before);
            assertEquals(entries.stream().map(OutboxEntry::idempotencyKey).toList(), arrived,
                    "headquarters stored each once, in order");
            assertEquals(0, store.outbox().size());
            System.out.printf("outbox kill -9 while writing (seed %d): %d kills (%d right after an enqueue returned),"
                            + " %d booth starts on a hot WAL, %d entries reported enqueued, %d more committed unreported"
                            + " when killed, %d in the outbox at the end (last open saw %d), lost 0, duplicates 0;"
                            + " delivered %d to headquarters in %.1f s, each once, in order; whole test %.1f s (prepare %.1f s, kills %.1f s)%n",
                    seed, WRITE_KILLS, killedAfterAnEnqueue, hotWalStarts, reported.size(), committedUnreported,
                    entries.size(), entriesSeenAtOpen, listener.delivered.size(), deliverSeconds,
                    (System.nanoTime() - started) / 1e9, prepareSeconds, killSeconds);
        } finally {
            store.close();
            key.close();
        }
    }

    @Test
    void aBoothKilledWhileSendingDeliversEveryApplicationExactlyOnceInOrder() throws Exception {
        long started = System.nanoTime();
        List<Prepared> prepared = prepare(SEND_POOL, 'S', dir.resolve("pool.tsv"));
        Path db = dir.resolve("booth").resolve("booth.db");
        Path keyFile = dir.resolve("booth").resolve("booth.key");
        try (BoothKey key = BoothKey.loadOrCreate(keyFile); BoothStore store = BoothStore.open(db, key)) {
            for (Prepared p : prepared) {
                store.outbox().enqueue(p.reference(), p.idempotencyKey(), p.payload());
            }
        }
        List<String> before = hq.idempotencyKeysInArrivalOrder();
        int kills = 0;
        int receivedNotYetDeleted = 0;
        for (int run = 0; run < SEND_KILLS; run++) {
            int storedAtStart = hq.storedApplications();
            if (storedAtStart - before.size() >= SEND_POOL - 2) {
                break;
            }
            Child child = Child.start(dir, run, "send", db.toString(), keyFile.toString(), hq.url().toString(),
                    hq.boothDir().toString());
            // killed as soon as headquarters has stored the next one or two: its receipt is on the way back
            int target = storedAtStart + 1 + random.nextInt(2);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (hq.storedApplications() < target) {
                child.requireAlive();
                if (System.nanoTime() > deadline) {
                    fail("headquarters stored nothing new within " + WAIT + "; child said " + child.kill());
                }
                Thread.onSpinWait();
            }
            spinMicros(random.nextInt(2000));
            child.kill();
            kills++;
            try (BoothKey key = BoothKey.load(keyFile); BoothStore store = BoothStore.open(db, key)) {
                for (OutboxEntry entry : store.outbox().pending()) {
                    if (hq.storedApplications(entry.idempotencyKey()) > 0) {
                        receivedNotYetDeleted++; // killed between headquarters' receipt and the local delete
                    }
                }
            }
        }
        // the booth starts once more and is left to finish
        try (BoothKey key = BoothKey.load(keyFile); BoothStore store = BoothStore.open(db, key);
             HqLinkService link = link(store)) {
            RecordingLinkListener listener = new RecordingLinkListener();
            link.addListener(listener);
            int left = store.outbox().size();
            link.start();
            Poll.until(WAIT, () -> store.outbox().size() == 0 && listener.delivered.size() >= left,
                    () -> "waiting " + store.outbox().size() + ", delivered " + listener.delivered.size());
            assertEquals(left, listener.delivered.size(), "the rest delivered once each");
        }
        List<String> arrived = new ArrayList<>(hq.idempotencyKeysInArrivalOrder());
        arrived.removeAll(before);
        assertEquals(prepared.stream().map(Prepared::idempotencyKey).toList(), arrived,
                "headquarters stored every application exactly once, in the order signed");
        for (Prepared p : prepared) {
            assertEquals(1, hq.storedApplications(p.idempotencyKey()), p.reference());
        }
        System.out.printf("outbox kill -9 while sending (seed %d): %d kills, %d of them between headquarters' receipt"
                        + " and the booth's delete; %d applications stored at headquarters exactly once, in order,"
                        + " lost 0, duplicates 0; %.1f s%n", seed, kills, receivedNotYetDeleted, arrived.size(),
                (System.nanoTime() - started) / 1e9);
    }

    private static HqLinkService link(BoothStore store) {
        return HqLinkService.builder(hq.url(), hq.boothCredentials(), store.outbox(), store.audit(), store.settings())
                .clock(Clock.systemUTC())
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(2)))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .presence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(500))
                .build();
    }

    /** SQLite's own check of the whole file (b-trees, indexes, free pages), on a second connection. */
    private static String integrityCheck(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
            row.next();
            return row.getString(1);
        }
    }

    /** The references of the audit rows with {@code event}, in the trail's order. */
    private static List<String> audited(Path db, String event) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.PreparedStatement select = connection.prepareStatement(
                     "SELECT reference FROM audit WHERE event = ? ORDER BY seq")) {
            select.setString(1, event);
            List<String> references = new java.util.ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    references.add(row.getString(1));
                }
            }
            return references;
        }
    }

    private static void spinMicros(long micros) {
        long until = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** A booth process on the test class path, its standard output read line by line. */
    private static final class Child {
        private static final String EOF = "\u0000EOF";
        private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Process process;
        private final Path stderr;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final Thread reader;

        private Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                } finally {
                    lines.add(EOF);
                }
            }, "outbox-crash-child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path dir, int run, String... args) throws IOException {
            Path stderr = dir.resolve("child-" + run + ".err");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-Dorg.slf4j.simpleLogger.logFile=" + dir.resolve("child.log"),
                    "-cp", System.getProperty("java.class.path"), OutboxCrashChild.class.getName()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            STARTED.add(process);
            return new Child(process, stderr);
        }

        /** Waits for the {@code n}-th line starting with {@code prefix} (or DONE, or the process ending). */
        void awaitLine(String prefix, int n) throws Exception {
            int count = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("no " + prefix + " line within " + WAIT + "; " + describe());
                }
                if (line.equals(EOF)) {
                    fail("the booth process ended before it was killed; " + describe());
                }
                seen.add(line);
                if (line.startsWith(prefix) && ++count == n || line.equals("DONE")) {
                    return;
                }
            }
        }

        /** Waits {@code millis}, or less if the process has finished its work. */
        void awaitMillisOrDone(long millis) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    return;
                }
                if (line.equals(EOF)) {
                    fail("the booth process ended before it was killed; " + describe());
                }
                seen.add(line);
                if (line.equals("DONE")) {
                    return;
                }
            }
        }

        void requireAlive() throws IOException {
            if (!process.isAlive()) {
                fail("the booth process ended before it was killed; " + describe());
            }
        }

        /** Kills whatever a failed test left running. */
        static void killAll() {
            for (Process process : STARTED) {
                process.destroyForcibly();
            }
            STARTED.clear();
        }

        /** SIGKILL; then every line it wrote before dying. */
        List<String> kill() throws Exception {
            requireAlive();
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the booth process did not die");
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
            String line;
            while ((line = lines.poll()) != null) {
                if (!line.equals(EOF)) {
                    seen.add(line);
                }
            }
            return seen;
        }

        private String describe() throws IOException {
            return "output " + seen + ", stderr: " + (Files.exists(stderr) ? Files.readString(stderr) : "");
        }
    }
}

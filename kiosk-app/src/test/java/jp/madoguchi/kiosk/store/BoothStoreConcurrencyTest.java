package jp.madoguchi.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store is documented thread-safe: threads writing at once leave a whole outbox and an unbroken chain. */
class BoothStoreConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritersLeaveAConsistentStore() throws Exception {
        int threads = 8;
        int perThread = 10;
        try (BoothKey key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
             BoothStore store = BoothStore.open(dir.resolve("booth.db"), key)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit((Callable<Void>) () -> {
                        for (int i = 0; i < perThread; i++) {
                            String reference = String.format("MD-20261123-T%dN%03d", thread, i);
                            // every thread also enqueues one shared key: stored once
                            String idempotency = i == 0 ? "shared-key-0000" : "key-" + thread + "-" + i + "-xx";
                            store.outbox().enqueue(reference, idempotency, reference.getBytes(StandardCharsets.UTF_8));
                            store.audit().append(AuditEvent.OUTBOX_ENQUEUED, reference);
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads * (perThread - 1) + 1, store.outbox().size());
            assertEquals(threads * (perThread - 1) + 1, store.outbox().pending().size());
            AuditVerification chain = store.audit().verify();
            assertTrue(chain.ok(), chain.toString());
            assertEquals(threads * perThread, chain.rowsChecked());
        }
    }
}

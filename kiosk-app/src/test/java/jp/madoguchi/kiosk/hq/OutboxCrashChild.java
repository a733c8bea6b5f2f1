package jp.madoguchi.kiosk.hq;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jp.madoguchi.hqlink.client.RetryPolicy;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;
import jp.madoguchi.kiosk.store.SqliteNativeLibrary;

/**
 * The booth process that {@link OutboxCrashTest} kills with SIGKILL: a separate JVM on the test class path that opens
 * the real {@link BoothStore} with the booth's key file and then either
 * <ul>
 * <li>{@code write}: enqueues prepared signed applications in a tight loop, each as the journey does it
 *     ({@code Outbox.enqueueSigned}: {@code APPLICATION_SIGNED}, the encrypted entry, {@code OUTBOX_ENQUEUED} in one
 *     transaction), and
 *     prints {@code ENQUEUED <index> <reference>} after each enqueue returned;</li>
 * <li>{@code send}: runs the booth's outbox sender ({@link HqLinkService}) against headquarters and prints
 *     {@code DELIVERED <reference>} for each receipt.</li>
 * </ul>
 * It prints {@code OPEN <entries waiting>} once the store is open, and waits to be killed when its work is done.
 * Standard output carries references and counts only; the applications are synthetic test data.
 *
 * <p>Usage: {@code write DB KEY POOL FROM TO} or {@code send DB KEY HQ_URL BOOTH_DIR}; {@code POOL} holds one
 * application per line: {@code index TAB reference TAB idempotency-key TAB base64(payload)}.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        // the test holds this process's standard input open; if the test's JVM dies, nobody is left to kill this one
        Thread orphanWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; only the end matters
                }
            } catch (IOException e) {
                // the same: the test is gone
            }
            Runtime.getRuntime().halt(3);
        }, "orphan-watch");
        orphanWatch.setDaemon(true);
        orphanWatch.start();
        String mode = args[0];
        Path db = Path.of(args[1]);
        SqliteNativeLibrary.useCopyIn(db.resolveSibling("native"));
        List<String[]> pool = "write".equals(mode) ? pool(Path.of(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5])) : List.of();
        List<byte[]> payloads = new ArrayList<>();
        for (String[] line : pool) {
            payloads.add(Base64.getDecoder().decode(line[3]));
        }
        BoothKey key = BoothKey.load(Path.of(args[2]));
        BoothStore store = BoothStore.open(db, key);
        out.println("OPEN " + store.outbox().size());
        if ("write".equals(mode)) {
            for (int i = 0; i < pool.size(); i++) {
                String[] line = pool.get(i);
                store.outbox().enqueueSigned(line[1], line[2], payloads.get(i));
                out.println("ENQUEUED " + line[0] + " " + line[1]);
            }
        } else if ("send".equals(mode)) {
            BoothCredentials credentials = BoothCredentials.load(Path.of(args[4]));
            HqLinkService link = HqLinkService.builder(URI.create(args[3]), credentials, store.outbox(), store.audit(),
                            store.settings())
                    .retryPolicy(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(2)))
                    .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                    .presence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100),
                            Duration.ofMillis(500))
                    .build();
            link.addListener(new HqLinkListener() {
                @Override
                public void delivered(String boothReference, SubmissionReceipt receipt) {
                    out.println("DELIVERED " + boothReference);
                }
            });
            link.start();
        } else {
            throw new IllegalArgumentException("mode: write or send");
        }
        out.println("DONE");
        Thread.sleep(Long.MAX_VALUE); // the test kills this process; it never closes the store
    }

    private static List<String[]> pool(Path file, int from, int to) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] fields = line.split("\t");
            int index = Integer.parseInt(fields[0]);
            if (index >= from && index < to) {
                lines.add(fields);
            }
        }
        return lines;
    }
}

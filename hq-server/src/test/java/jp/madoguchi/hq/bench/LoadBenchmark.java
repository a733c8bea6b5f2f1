package jp.madoguchi.hq.bench;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.x500.X500Principal;
import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.Sex;
import jp.madoguchi.hq.HqApplication;
import jp.madoguchi.hq.testing.SignedApplications;
import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hqlink.client.BoothTlsContexts;
import jp.madoguchi.hqlink.client.HqClient;
import jp.madoguchi.hqlink.client.HqTransport;
import jp.madoguchi.hqlink.client.PresenceChannel;
import jp.madoguchi.hqlink.message.BoothState;
import jp.madoguchi.hqlink.message.EnrolRequest;
import jp.madoguchi.hqlink.message.EnrolResponse;
import jp.madoguchi.hqlink.message.Submission;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The headquarters load benchmark (README "Benchmark"; run by {@code scripts/bench-hq.sh}): starts
 * headquarters in this JVM on loopback TLS with SQLite, enrols N booths through the real API,
 * keeps each booth's presence WebSocket open (pinging every second), then submits signed
 * applications at a fixed rate from random booths through the real client, and prints
 * submissions per second, latency percentiles and presence messages per second. It asserts
 * nothing: it measures.
 *
 * <p>Arguments: {@code [booths=500] [rate=50] [seconds=20]}.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int booths = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("madoguchi-hq-bench");
        TestAuthority authority = TestAuthority.generate();
        authority.exportTrustMaterial(dir.resolve("jpki-roots"));
        Files.writeString(dir.resolve("jitsi-secret"), "benchmark-secret-benchmark-secret-benchmark!");
        HqConfig config = HqConfig.loader().defaults(Map.of(
                HqConfig.HOST, "127.0.0.1", HqConfig.PORT, "0", HqConfig.DATA_DIR, dir.resolve("data").toString(),
                HqConfig.JITSI_DOMAIN, "localhost", HqConfig.JITSI_APP_ID, "bench",
                HqConfig.JITSI_SECRET_FILE, dir.resolve("jitsi-secret").toString(),
                HqConfig.JPKI_ROOTS_DIR, dir.resolve("jpki-roots").toString()), "benchmark").load();

        try (HqApplication hq = HqApplication.start(config, Clock.systemUTC())) {
            URI base = URI.create("https://localhost:" + hq.port());
            X509Certificate ca = hq.deviceCa().certificate();
            System.out.printf("headquarters on %s; enrolling %d booths…%n", base, booths);

            long enrolStart = System.nanoTime();
            List<HqClient> clients = Collections.synchronizedList(new ArrayList<>());
            List<PresenceChannel> channels = Collections.synchronizedList(new ArrayList<>());
            ExecutorService setup = Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<?>> enrolled = new ArrayList<>();
            for (int i = 0; i < booths; i++) {
                enrolled.add(setup.submit(() -> {
                    KeyPair keys = ecKeys();
                    HqClient anonymous = new HqClient(HqTransport.builder(base, BoothTlsContexts.trustOnly(ca)).build());
                    String code = hq.enrolment().createCode("bench", Duration.ofHours(1), "bench");
                    EnrolResponse response = anonymous.enrol(new EnrolRequest(code, "bench", csr(keys)));
                    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                            new java.io.ByteArrayInputStream(response.certificatePem().getBytes()));
                    HqTransport transport = HqTransport.builder(base, BoothTlsContexts.from(keys.getPrivate(), cert, ca)).build();
                    clients.add(new HqClient(transport));
                    PresenceChannel channel = PresenceChannel.builder(transport, new PresenceChannel.Listener() { })
                            .pingInterval(Duration.ofSeconds(1)).build();
                    channel.start(BoothState.IDLE);
                    channels.add(channel);
                    return null;
                }));
            }
            for (var f : enrolled) {
                f.get();
            }
            setup.shutdown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (hq.presence().onlineCount() < booths && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            System.out.printf("%d booths enrolled in %.1f s; %d online%n", booths,
                    (System.nanoTime() - enrolStart) / 1e9, hq.presence().onlineCount());

            int total = rate * seconds;
            System.out.printf("signing %d applications…%n", total);
            List<Submission> submissions = signedApplications(authority, total);

            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(64);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger next = new AtomicInteger();
            long framesBefore = hq.presence().framesReceived();
            long start = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> {
                int index = next.getAndIncrement();
                if (index >= total) {
                    return;
                }
                HqClient client = clients.get(index % clients.size());
                senders.submit(() -> {
                    long sent = System.nanoTime();
                    try {
                        client.submitApplication(submissions.get(index), HqClient.newIdempotencyKey());
                        latencies.add(System.nanoTime() - sent);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                });
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            while (latencies.size() + failures.get() < total && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds * 3L)) {
                Thread.sleep(50);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long frames = hq.presence().framesReceived() - framesBefore;
            ticker.shutdownNow();
            senders.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.println();
            System.out.printf("%-34s %s%n", "booths online (presence)", hq.presence().onlineCount());
            System.out.printf("%-34s %.0f%n", "presence messages received / s", frames / elapsed);
            System.out.printf("%-34s %d of %d (%d failed)%n", "submissions stored", sorted.size(), total, failures.get());
            System.out.printf(Locale.ROOT, "%-34s %.1f (offered %d)%n", "submissions / s", sorted.size() / elapsed, rate);
            System.out.printf(Locale.ROOT, "%-34s p50 %.1f   p90 %.1f   p99 %.1f   max %.1f%n", "submission latency ms",
                    pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 1.0));
            System.out.printf("(%d s at %d/s; JDK %s; %d cores; SQLite)%n", seconds, rate, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            channels.forEach(PresenceChannel::close);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p) - 1);
        return sorted.get(Math.max(index, 0)) / 1e6;
    }

    private static List<Submission> signedApplications(TestAuthority authority, int count) throws Exception {
        IssuedCredentials resident = authority.issue("JPKI-TEST-BENCH", new Basic4Info("見本　太郎", "東京都千代田区霞が関１－２－３",
                LocalDate.of(1980, 2, 17), Sex.MALE), Set.of(), Set.of());
        List<Submission> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] json = SignedApplications.juminhyo(SignedApplications.HOLDER, 1, "MD-BENCH-" + i, "bench");
            out.add(SignedApplications.submission(json, SignedApplications.sign(json, resident)));
        }
        return out;
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    static String csr(KeyPair keys) throws Exception {
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=bench"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }
}

package jp.madoguchi.kiosk.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.pcsc.Readers;
import jp.madoguchi.kiosk.card.CardProbe;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.DeviceReport.DeviceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every diagnostic against real local things: loopback HTTP servers, the in-process emulated card, a temp dir. */
class ChecksTest {
    @TempDir
    Path dir;
    private MaintenanceFixture booth;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(HttpProbe.TIMEOUT).build();
    private HttpServer extra;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() throws Exception {
        booth = new MaintenanceFixture(dir);
    }

    @AfterEach
    void close() {
        release.countDown();
        if (extra != null) {
            extra.stop(0);
        }
        booth.close();
    }

    private CardProbe probe() {
        return new CardProbe(new Readers(booth.terminals.factory()));
    }

    private URI server(int status, boolean hang) throws IOException {
        extra = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        extra.createContext("/", exchange -> {
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        extra.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        extra.start();
        return URI.create("http://127.0.0.1:" + extra.getAddress().getPort());
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    // ---- PC/SC and readers

    @Test
    void aConnectedReaderIsOk() throws Exception {
        booth.terminals.attachReader(MaintenanceFixture.READER);
        CheckResult result = new ReaderCheck(probe()).run();
        assertEquals(CheckStatus.OK, result.status());
        assertEquals("maint.check.pcsc.ok", result.messageKey());
        assertEquals(List.of(1), result.args());
        assertTrue(result.detail().contains(MaintenanceFixture.READER));
    }

    @Test
    void noReaderFails() throws Exception {
        CheckResult result = new ReaderCheck(probe()).run();
        assertEquals(CheckStatus.FAIL, result.status());
        assertEquals("maint.check.pcsc.no_reader", result.messageKey());
    }

    @Test
    void aStoppedPcscServiceFailsAsSuch() throws Exception {
        booth.terminals.attachReader(MaintenanceFixture.READER);
        booth.terminals.stopService();
        CheckResult result = new ReaderCheck(probe()).run();
        assertEquals(CheckStatus.FAIL, result.status());
        assertEquals("maint.check.pcsc.no_service", result.messageKey());
    }

    // ---- card test

    @Test
    void theCardTestReadsTriesLeftWithoutSpendingOne() throws Exception {
        booth.terminals.attachReader(MaintenanceFixture.READER);
        EmulatedMyNumberCard card = MaintenanceFixture.card("default");
        booth.terminals.insert(MaintenanceFixture.READER, card);
        CheckResult result = new CardTestCheck(probe()).run();
        assertEquals(CheckStatus.OK, result.status(), result.detail());
        assertEquals(List.of("3"), result.args());
        assertTrue(result.detail().contains("JPKIAPICCTOKEN2"), result.detail());
        assertEquals(3, card.triesLeft(PinKind.AUTHENTICATION));
    }

    @Test
    void aBlockedCardIsAWarningNotAReaderFault() throws Exception {
        booth.terminals.attachReader(MaintenanceFixture.READER);
        booth.terminals.insert(MaintenanceFixture.READER, MaintenanceFixture.card("pin-blocked"));
        CheckResult result = new CardTestCheck(probe()).run();
        assertEquals(CheckStatus.WARN, result.status());
        assertEquals("maint.check.card.blocked", result.messageKey());
    }

    @Test
    void withoutACardTheTestAsksForOne() throws Exception {
        booth.terminals.attachReader(MaintenanceFixture.READER);
        CheckResult result = new CardTestCheck(probe()).run();
        assertEquals(CheckStatus.WARN, result.status());
        assertEquals("maint.check.card.no_card", result.messageKey());
    }

    // ---- camera and microphone

    @Test
    void workingDevicesAreOkAndAMissingCameraFails() throws Exception {
        assertEquals(CheckStatus.OK, new DevicesCheck(booth.video).run().status());
        booth.video.deviceReport(new DeviceReport(List.of(), List.of("Mic"), DeviceStatus.NOT_FOUND,
                DeviceStatus.WORKS, "NotFoundError"));
        CheckResult result = new DevicesCheck(booth.video).run();
        assertEquals(CheckStatus.FAIL, result.status());
        assertEquals("maint.check.devices.no_camera", result.messageKey());
        assertTrue(result.detail().contains("NotFoundError"));
    }

    // ---- headquarters

    @Test
    void headquartersAnsweringHealthIsOk() throws Exception {
        CheckResult result = new HeadquartersCheck(booth::hqUrl, client).run();
        assertEquals(CheckStatus.OK, result.status(), result.detail());
        assertTrue(result.detail().contains("/health"));
    }

    @Test
    void headquartersAnsweringAnErrorIsAWarningWithTheStatus() throws Exception {
        URI hq = server(503, false);
        CheckResult result = new HeadquartersCheck(() -> hq, client).run();
        assertEquals(CheckStatus.WARN, result.status());
        assertEquals(List.of(503), result.args());
    }

    @Test
    void headquartersNotListeningFails() throws Exception {
        URI nobody = closedPort();
        CheckResult result = new HeadquartersCheck(() -> nobody, client).run();
        assertEquals(CheckStatus.FAIL, result.status());
        assertEquals("maint.check.hq.unreachable", result.messageKey());
    }

    @Test
    void headquartersThatNeverAnswersFailsAfterThreeSeconds() throws Exception {
        URI hq = server(200, true);
        long started = System.nanoTime();
        CheckResult result = new HeadquartersCheck(() -> hq, client).run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(CheckStatus.FAIL, result.status());
        assertTrue(millis >= 2_500 && millis < 15_000, "gave up after " + millis + " ms");
    }

    // ---- Jitsi

    @Test
    void theMeetingServerServingItsScriptIsOk() throws Exception {
        String domain = "127.0.0.1:" + booth.hq.getAddress().getPort();
        CheckResult result = new JitsiCheck(() -> Optional.of(domain), client,
                d -> URI.create("http://" + d + "/external_api.js")).run();
        assertEquals(CheckStatus.OK, result.status(), result.detail());
    }

    @Test
    void anUnknownMeetingServerIsAWarningAndAnUnreachableOneFails() throws Exception {
        assertEquals("maint.check.jitsi.unknown", new JitsiCheck(Optional::empty, client).run().messageKey());
        URI nobody = closedPort();
        CheckResult result = new JitsiCheck(() -> Optional.of(nobody.getAuthority()), client,
                d -> URI.create("http://" + d + "/external_api.js")).run();
        assertEquals(CheckStatus.FAIL, result.status());
    }

    // ---- printer

    @Test
    void aDefaultPrinterIsOkAndNoneIsAWarning() throws Exception {
        assertEquals(CheckStatus.OK, new PrinterCheck(() -> Optional.of("Receipt-58")).run().status());
        CheckResult none = new PrinterCheck(Optional::empty).run();
        assertEquals(CheckStatus.WARN, none.status());
        assertEquals("maint.check.printer.none", none.messageKey());
        // and this machine's real lookup answers one way or the other without failing
        CheckStatus real = new PrinterCheck().run().status();
        assertTrue(real == CheckStatus.OK || real == CheckStatus.WARN);
    }

    // ---- disk

    @Test
    void diskThresholdsAgainstTheRealFreeSpaceOfATempDir() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        assertEquals(CheckStatus.OK, new DiskCheck(dir, 0, 0).run().status());
        assertEquals(CheckStatus.WARN, new DiskCheck(dir, free + (1L << 40), 0).run().status());
        CheckResult full = new DiskCheck(dir, Long.MAX_VALUE, free + (1L << 40)).run();
        assertEquals(CheckStatus.FAIL, full.status());
        assertEquals("maint.check.disk.full", full.messageKey());
        assertEquals(CheckStatus.FAIL, new DiskCheck(dir.resolve("missing")).run().status());
    }

    // ---- clock

    @Test
    void aClockInStepWithHeadquartersIsOk() throws Exception {
        CheckResult result = new ClockCheck(booth::hqUrl, client, Clock.systemUTC()).run();
        assertEquals(CheckStatus.OK, result.status(), result.detail());
    }

    @Test
    void aClockTwoMinutesAheadIsAWarning() throws Exception {
        CheckResult result = new ClockCheck(booth::hqUrl, client, Clock.offset(Clock.systemUTC(),
                Duration.ofSeconds(120))).run();
        assertEquals(CheckStatus.WARN, result.status());
        assertEquals("maint.check.clock.off", result.messageKey());
        long offset = (Long) result.args().get(0);
        assertTrue(offset >= 118 && offset <= 122, "offset " + offset);
    }

    @Test
    void withoutHeadquartersTheClockIsUnknown() throws Exception {
        URI nobody = closedPort();
        assertEquals("maint.check.clock.unknown", new ClockCheck(() -> nobody, client, Clock.systemUTC()).run()
                .messageKey());
    }

    // ---- the runner

    @Test
    void theRunnerTimesEachCheckKeepsTheOrderAndTurnsACrashIntoAFailure() throws Exception {
        Check crashing = new Check() {
            @Override
            public String titleKey() {
                return "maint.check.disk.title";
            }

            @Override
            public CheckResult run() {
                throw new IllegalStateException("boom");
            }
        };
        Check printer = new PrinterCheck(() -> Optional.of("P"));
        List<CheckOutcome> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CheckOutcome> all = new Diagnostics(List.of(crashing, printer), booth.pool()).runAll(seen::add)
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(2, seen.size());
        assertEquals(crashing, all.get(0).check());
        assertEquals(CheckStatus.FAIL, all.get(0).result().status());
        assertEquals("maint.check.crashed", all.get(0).result().messageKey());
        assertEquals(CheckStatus.OK, all.get(1).result().status());
        assertTrue(all.stream().allMatch(o -> !o.duration().isNegative()));
    }
}

package jp.madoguchi.hq;

import java.io.IOException;

import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.hq.api.BoothApi;
import jp.madoguchi.hq.api.ClerkApi;
import jp.madoguchi.hq.api.VanishedClerks;
import jp.madoguchi.hq.calls.HeldCalls;
import jp.madoguchi.hq.calls.CallQueue;
import jp.madoguchi.hq.calls.CallRooms;
import jp.madoguchi.hq.config.HqConfig;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.intake.IntakeService;
import jp.madoguchi.hq.presence.PresenceApi;
import jp.madoguchi.hq.presence.PresenceRegistry;
import jp.madoguchi.hq.security.Argon2PasswordHashing;
import jp.madoguchi.hq.security.DeviceCa;
import jp.madoguchi.hq.security.JitsiTokens;
import jp.madoguchi.hq.server.HealthStatus;
import jp.madoguchi.hq.server.HqServer;
import jp.madoguchi.hq.server.ServerTls;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.CallLog;
import jp.madoguchi.hq.store.ClerkAccounts;
import jp.madoguchi.hq.store.ClerkSessions;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.Decisions;
import jp.madoguchi.hq.store.LockoutPolicy;
import jp.madoguchi.hq.store.ReferenceNumbers;

/**
 * Headquarters assembled from its configuration: storage (migrated), the device CA and the TLS it
 * serves, enrolment, intake with JPKI verification, the call queue and video rooms, presence and
 * the clerk API, all on one {@link HqServer}. {@link #close()} stops the server, then the database.
 */
public final class HqApplication implements AutoCloseable {
    /** Where the device CA lives under the data directory; back it up: losing it re-enrols every booth. */
    public static final String DEVICE_CA_DIR = "device-ca";
    /** Routing keys of the shipped forms, each its own department unless the configuration merges them. */
    static final List<String> SHIPPED_ROUTING = List.of("citizens", "family-register", "tax", "child-support");
    static final String FALLBACK_QUEUE = "general";
    /** Headquarters' time zone: reference numbers' dates and the clerks' "today". */
    static final java.time.ZoneId ZONE = ClerkApi.DEFAULT_ZONE;
    private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*");

    private final Database database;
    private final DeviceCa deviceCa;
    private final EnrolmentService enrolment;
    private final ClerkAccounts clerks;
    private final PresenceRegistry presence;
    private final JitsiTokens tokens;
    private final HqServer server;
    private final java.util.concurrent.ExecutorService notifier;

    private HqApplication(Database database, DeviceCa deviceCa, EnrolmentService enrolment, ClerkAccounts clerks,
            PresenceRegistry presence, JitsiTokens tokens, HqServer server, java.util.concurrent.ExecutorService notifier) {
        this.database = database;
        this.deviceCa = deviceCa;
        this.enrolment = enrolment;
        this.clerks = clerks;
        this.presence = presence;
        this.tokens = tokens;
        this.server = server;
        this.notifier = notifier;
    }

    public static HqApplication start(HqConfig config, Clock clock) throws IOException {
        Files.createDirectories(config.dataDir());
        Database database = Database.open(config.dbUrl(), config.dbUser().orElse(null),
                config.dbPassword().map(s -> new String(s.chars())).orElse(null));
        try {
            database.migrate();
            Booths booths = new Booths(database);
            DeviceCa deviceCa = DeviceCa.loadOrCreate(config.dataDir().resolve(DEVICE_CA_DIR));
            ServerTls tls = config.tlsKeystoreFile().isPresent() ? ServerTls.fromConfig(config)
                    : selfIssuedTls(deviceCa, config.tlsServerNames());

            EnrolmentService enrolment = new EnrolmentService(deviceCa, new jp.madoguchi.hq.store.EnrolmentCodes(database, clock),
                    booths, clock, Duration.ofDays(730));
            Applications applications = new Applications(database, ReferenceNumbers.datedRandom(ZONE));
            IntakeService intake = new IntakeService(applications, JpkiSignatureVerifier.fromDirectory(config.jpkiRootsDir()), clock);
            CallQueue calls = new CallQueue(clock, queueTable(config), FALLBACK_QUEUE);
            JitsiTokens tokens = JitsiTokens.fromSecretChars(config.jitsiAppId(), config.jitsiHost(), config.jitsiSecret().chars());
            CallRooms rooms = new CallRooms(tokens, config.jitsiDomain(), Duration.ofMinutes(5), clock);
            ClerkAccounts clerks = new ClerkAccounts(database, new Argon2PasswordHashing(), clock, LockoutPolicy.DEFAULT);
            ClerkSessions sessions = new ClerkSessions(database);
            PresenceRegistry presence = new PresenceRegistry(clock);
            // a booth that went away takes its waiting calls with it; every change of the queues
            // tells the waiting booths their new positions (off the queue's lock and the request thread)
            presence.onBoothGone(calls::cancelBooth);
            java.util.concurrent.ScheduledExecutorService notifier = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "queue-positions");
                thread.setDaemon(true);
                return thread;
            });
            calls.onChange(() -> notifier.execute(() -> presence.notifyQueuePositions(calls)));
            CallLog callLog = new CallLog(database);
            calls.onEnded((call, reason) -> logEnded(callLog, call, reason));
            // a clerk who goes away while holding a call gives it back to the queue (decision 0032)
            VanishedClerks vanished = new VanishedClerks(new HeldCalls(config.clerkVanishAfter()), calls, callLog,
                    presence, clock);
            presence.onBoothState(vanished::boothState);
            presence.onBoothGone(vanished::boothGone);
            presence.start();
            // calls of booths that never opened their presence socket would otherwise wait for ever
            long sweepMillis = Math.max(1000, presence.deadAfter().toMillis() / 2);
            notifier.scheduleWithFixedDelay(() -> UnattendedCalls.sweep(calls, presence, presence.deadAfter(), clock.instant()),
                    sweepMillis, sweepMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            notifier.scheduleWithFixedDelay(() -> sweepQuietly(vanished), 1, 1, java.util.concurrent.TimeUnit.SECONDS);

            HqServer server = HqServer.builder()
                    .config(config)
                    .tls(tls)
                    .revocations(booths)
                    .json(jp.madoguchi.hq.server.HqJson.protocol())
                    .health(health(database, presence))
                    .route(new BoothApi(enrolment, intake, calls, clock))
                    .route(new PresenceApi(presence))
                    .route(new ClerkApi(clerks, sessions, calls, rooms, applications, new Decisions(database), presence,
                            booths, callLog, enrolment, clock, ZONE, Duration.ofHours(8), vanished))
                    .build()
                    .start();
            return new HqApplication(database, deviceCa, enrolment, clerks, presence, tokens, server, notifier);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** One sweep for vanished clerks; a failure is logged and the next sweep runs (a scheduled task that throws stops). */
    private static void sweepQuietly(VanishedClerks vanished) {
        try {
            vanished.sweep();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(HqApplication.class).error("the sweep for vanished clerks failed", e);
        }
    }

    /** Logs a call that left the queue unanswered; a failure to log never stops the queue. */
    static void logEnded(CallLog callLog, CallQueue.WaitingCall call, CallQueue.EndReason reason) {
        try {
            callLog.ended(ClerkApi.logged(call), reason.column());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(HqApplication.class).error("call {} ended ({}) but was not logged",
                    call.callId(), reason.column(), e);
        }
    }

    /** procedure id or routing key → department: the shipped routing keys, merged by {@code routing.*} entries. */
    static Map<String, String> queueTable(HqConfig config) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String routing : SHIPPED_ROUTING) {
            table.put(routing, routing);
        }
        config.routing().forEach((department, procedures) -> procedures.forEach(p -> table.put(p, department)));
        return table;
    }

    /** A fresh server key each start, certified by the device CA that booths already trust. */
    private static ServerTls selfIssuedTls(DeviceCa ca, List<String> names) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (String name : names) {
            (IP.matcher(name).matches() ? ips : dns).add(name);
        }
        KeyPair key = DeviceCa.newEcKeyPair();
        X509Certificate certificate = ca.serverCertificate(dns, ips, key);
        // revocation is not checked inside the TLS handshake (a refusal there looks like an outage to
        // the booth); the server's gate checks it on every request and answers 403 booth_revoked
        return ServerTls.fromSslContext(jp.madoguchi.hq.security.TlsMaterial.serverContext(key.getPrivate(),
                List.of(certificate, ca.certificate()), ca.certificate(), serial -> false));
    }

    private static HealthStatus health(Database database, PresenceRegistry presence) {
        return new HealthStatus() {
            @Override
            public String database() {
                try {
                    return database.read("health", connection -> {
                        try (var statement = connection.createStatement()) {
                            statement.execute("SELECT 1");
                        }
                        return "ok";
                    });
                } catch (RuntimeException e) {
                    return "unavailable";
                }
            }

            @Override
            public int boothsOnline() {
                return presence.onlineCount();
            }
        };
    }

    public int port() {
        return server.port();
    }

    public HqServer server() {
        return server;
    }

    public EnrolmentService enrolment() {
        return enrolment;
    }

    public ClerkAccounts clerks() {
        return clerks;
    }

    public DeviceCa deviceCa() {
        return deviceCa;
    }

    public PresenceRegistry presence() {
        return presence;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.stop();
        presence.close();
        notifier.shutdownNow();
        tokens.close();
        database.close();
    }

}

package jp.madoguchi.kiosk.maintenance;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import jp.madoguchi.kiosk.card.CardProbe;
import jp.madoguchi.kiosk.store.AuditTrail;
import jp.madoguchi.kiosk.store.Outbox;
import jp.madoguchi.kiosk.store.SettingKey;
import jp.madoguchi.kiosk.store.Settings;
import jp.madoguchi.video.VideoSession;

/**
 * Everything the maintenance screens use, built once when the booth starts (so the {@link MaintenanceGate}'s
 * wrong-PIN count and lockout survive closing and reopening maintenance). Immutable.
 *
 * <pre>{@code
 * MaintenanceContext ctx = MaintenanceContext.builder()
 *         .settings(store.settings()).outbox(store.outbox()).audit(store.audit())
 *         .cardProbe(new CardProbe(readers)).video(videoSession)
 *         .dataDir(dataDir).logFile(dataDir.resolve("logs/booth.log"))
 *         .deliverNow(link::deliverNow)
 *         .background(Executors.newCachedThreadPool()).fxExecutor(Platform::runLater)
 *         .build();   // optional: clock, hqUrl, jitsiDomain, httpClient, scrubDenylist, exportTargets, idleLimit
 * }</pre>
 */
public final class MaintenanceContext {
    /** Maintenance closes by itself after this long without a touch. */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(5);

    private final Settings settings;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final CardProbe cardProbe;
    private final VideoSession video;
    private final Path dataDir;
    private final Path logFile;
    private final Supplier<URI> hqUrl;
    private final Supplier<Optional<String>> jitsiDomain;
    private final Runnable deliverNow;
    private final Clock clock;
    private final Executor background;
    private final Executor fxExecutor;
    private final HttpClient httpClient;
    private final Supplier<? extends Collection<String>> scrubDenylist;
    private final Supplier<List<Path>> exportTargets;
    private final Duration idleLimit;
    private final Path credentialsDir;
    private final MaintenanceGate gate;
    private final List<Check> checks;

    private MaintenanceContext(Builder b) {
        settings = Objects.requireNonNull(b.settings, "settings");
        outbox = Objects.requireNonNull(b.outbox, "outbox");
        audit = Objects.requireNonNull(b.audit, "audit");
        cardProbe = Objects.requireNonNull(b.cardProbe, "cardProbe");
        video = Objects.requireNonNull(b.video, "video");
        dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        logFile = Objects.requireNonNull(b.logFile, "logFile");
        deliverNow = Objects.requireNonNull(b.deliverNow, "deliverNow");
        background = Objects.requireNonNull(b.background, "background");
        fxExecutor = Objects.requireNonNull(b.fxExecutor, "fxExecutor");
        clock = b.clock != null ? b.clock : Clock.systemUTC();
        Settings s = settings;
        hqUrl = b.hqUrl != null ? b.hqUrl : () -> URI.create(s.get(SettingKey.HQ_URL));
        jitsiDomain = b.jitsiDomain != null ? b.jitsiDomain : Optional::empty;
        httpClient = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(HttpProbe.TIMEOUT).build();
        scrubDenylist = b.scrubDenylist != null ? b.scrubDenylist : List::of;
        exportTargets = b.exportTargets != null ? b.exportTargets : ExportTargets::candidates;
        idleLimit = b.idleLimit != null ? b.idleLimit : DEFAULT_IDLE_LIMIT;
        credentialsDir = b.credentialsDir != null ? b.credentialsDir : dataDir.resolve("credentials");
        gate = new MaintenanceGate(settings, audit, clock);
        checks = b.checks != null ? List.copyOf(b.checks) : List.of(
                new ReaderCheck(cardProbe),
                new CardTestCheck(cardProbe),
                new DevicesCheck(video),
                new HeadquartersCheck(hqUrl, httpClient),
                new JitsiCheck(jitsiDomain, httpClient),
                new PrinterCheck(),
                new DiskCheck(dataDir),
                new ClockCheck(hqUrl, httpClient, clock));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Settings settings() {
        return settings;
    }

    public Outbox outbox() {
        return outbox;
    }

    public AuditTrail audit() {
        return audit;
    }

    public CardProbe cardProbe() {
        return cardProbe;
    }

    public VideoSession video() {
        return video;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    public Supplier<URI> hqUrl() {
        return hqUrl;
    }

    public Runnable deliverNow() {
        return deliverNow;
    }

    public Clock clock() {
        return clock;
    }

    /** Where blocking work runs (checks, key derivation, file copies, store reads). */
    public Executor background() {
        return background;
    }

    /** Where results go back to the screen ({@code Platform::runLater} in the booth). */
    public Executor fxExecutor() {
        return fxExecutor;
    }

    public Supplier<? extends Collection<String>> scrubDenylist() {
        return scrubDenylist;
    }

    public Supplier<List<Path>> exportTargets() {
        return exportTargets;
    }

    public Duration idleLimit() {
        return idleLimit;
    }

    /** Where the booth's enrolment is ({@code --booth-dir}, else {@code DATA_DIR/credentials}). */
    public Path credentialsDir() {
        return credentialsDir;
    }

    /** The one PIN gate of this booth run. */
    public MaintenanceGate gate() {
        return gate;
    }

    /** The diagnostics, in display order. */
    public List<Check> checks() {
        return checks;
    }

    public Diagnostics diagnostics() {
        return new Diagnostics(checks, background);
    }

    public LogExport logExport() {
        return new LogExport(audit, clock, scrubDenylist);
    }

    /** Builder; every setter returns it. Required: settings, outbox, audit, cardProbe, video, dataDir, logFile,
     * deliverNow, background, fxExecutor. */
    public static final class Builder {
        private Settings settings;
        private Outbox outbox;
        private AuditTrail audit;
        private CardProbe cardProbe;
        private VideoSession video;
        private Path dataDir;
        private Path logFile;
        private Supplier<URI> hqUrl;
        private Supplier<Optional<String>> jitsiDomain;
        private Runnable deliverNow;
        private Clock clock;
        private Executor background;
        private Executor fxExecutor;
        private HttpClient httpClient;
        private Supplier<? extends Collection<String>> scrubDenylist;
        private Supplier<List<Path>> exportTargets;
        private Duration idleLimit;
        private Path credentialsDir;
        private List<Check> checks;

        private Builder() {
        }

        public Builder settings(Settings value) {
            settings = value;
            return this;
        }

        public Builder outbox(Outbox value) {
            outbox = value;
            return this;
        }

        public Builder audit(AuditTrail value) {
            audit = value;
            return this;
        }

        /** {@code new CardProbe(readers)}: the machine's readers, or the in-process emulator's in demo mode. */
        public Builder cardProbe(CardProbe value) {
            cardProbe = value;
            return this;
        }

        public Builder video(VideoSession value) {
            video = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder logFile(Path value) {
            logFile = value;
            return this;
        }

        /** Default: the {@code hq.url} setting, read each time. */
        public Builder hqUrl(Supplier<URI> value) {
            hqUrl = value;
            return this;
        }

        /** The video meeting domain (from the last call or configuration). Default: unknown. */
        public Builder jitsiDomain(Supplier<Optional<String>> value) {
            jitsiDomain = value;
            return this;
        }

        /** The headquarters link's "deliver the outbox now" (HeadquartersLink#deliverNow); must not block. */
        public Builder deliverNow(Runnable value) {
            deliverNow = value;
            return this;
        }

        /** Default: the system clock, UTC. */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder background(Executor value) {
            background = value;
            return this;
        }

        public Builder fxExecutor(Executor value) {
            fxExecutor = value;
            return this;
        }

        /** For headquarters and Jitsi checks (the booth's TLS setup). Default: a plain client, 3 s connect timeout. */
        public Builder httpClient(HttpClient value) {
            httpClient = value;
            return this;
        }

        /** Extra strings the log export must mask. Default: none. */
        public Builder scrubDenylist(Supplier<? extends Collection<String>> value) {
            scrubDenylist = value;
            return this;
        }

        /** Directories offered for the log export. Default: {@link ExportTargets#candidates()}. */
        public Builder exportTargets(Supplier<List<Path>> value) {
            exportTargets = value;
            return this;
        }

        public Builder idleLimit(Duration value) {
            idleLimit = value;
            return this;
        }

        /** The booth's enrolment directory. Default: {@code dataDir/credentials}. */
        public Builder credentialsDir(Path value) {
            credentialsDir = value;
            return this;
        }

        /** Replaces the standard checks (tests, or a booth without a camera). */
        public Builder checks(List<Check> value) {
            checks = value;
            return this;
        }

        public MaintenanceContext build() {
            return new MaintenanceContext(this);
        }
    }
}

package jp.madoguchi.video.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoSession;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.VideoStatus;
import jp.madoguchi.video.chromium.ChromiumOptions;
import jp.madoguchi.video.chromium.ChromiumVideoSession;
import jp.madoguchi.video.fx.BoothDemoScreen;
import jp.madoguchi.video.loopback.LoopbackMeet;
import jp.madoguchi.video.loopback.RoomTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole call on one machine: the loopback meeting with a fresh app secret, tokens as headquarters mints them,
 * a clerk (headless, synthetic media) who admits the knocking booth, and the booth (headless, or with
 * {@code --show} a booth-like JavaFX window with the real Chromium window over its video pane). Prints each state
 * change, the time to the call and to the first remote video frame, and the media that arrived both ways.
 */
@Command(name = "demo-call", mixinStandardHelpOptions = true,
        description = "A booth and a clerk call each other on this machine (synthetic camera and microphone); "
                + "exit 0 when video and audio arrived both ways.")
final class DemoCallCommand implements Callable<Integer> {
    static final String BOOTH = "Booth Demo-1";
    static final String CLERK = "Clerk Demo";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "5",
            description = "how long the call lasts once both are in it (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--show", description = "show the booth's screen (needs a display): a JavaFX window with the "
            + "call's Chromium window over its video pane")
    boolean show;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ja",
            description = "the booth's language: ja, easy (やさしい日本語), en, zh, ko, vi, pt (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--clerk-after", paramLabel = "N", defaultValue = "0",
            description = "seconds the booth waits in the lobby before the clerk comes (default: ${DEFAULT-VALUE})")
    int clerkAfter;

    @Option(names = "--move", description = "with --show: move and resize the booth's window halfway through the call, then bring it "
            + "to the front (the call window must follow and stay over it)")
    boolean move;

    @Option(names = "--browser", paramLabel = "PATH", description = "the Chromium, Chrome or Edge to use")
    Path browser;

    @Option(names = {"-v", "--verbose"}, description = "log what the sessions do")
    boolean verbose;

    private long startNanos;
    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (seconds < 1 || clerkAfter < 0) {
            spec.commandLine().getErr().println("--seconds must be at least 1 and --clerk-after not negative");
            return VideoTool.EXIT_USAGE;
        }
        Locale language = language(lang);
        if (language == null) {
            spec.commandLine().getErr().println("Unknown --lang " + lang + "; use ja, easy, en, zh, ko, vi or pt");
            return VideoTool.EXIT_USAGE;
        }
        startNanos = System.nanoTime();
        byte[] secret = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(secret);
        String room = "demo-" + HexFormat.of().formatHex(random.generateSeed(6));
        ChromiumOptions headless = ChromiumOptions.headlessWithFakeMedia();
        if (browser != null) {
            headless = headless.withExecutable(browser);
        }
        // the booth with --show: a real app-mode window, still with synthetic media and loopback WebRTC
        ChromiumOptions boothOptions = show ? new ChromiumOptions(headless.executable(), false, true, true,
                headless.startTimeout(), headless.closeGrace(), List.of()) : headless;

        try (LoopbackMeet meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withAppSecret(secret));
             ChromiumVideoSession clerk = new ChromiumVideoSession(headless);
             ChromiumVideoSession booth = new ChromiumVideoSession(boothOptions)) {
            say("meeting server " + meet.baseUri() + ", room " + room + " (tokens HS256 with a fresh secret)");
            String boothToken = RoomTokens.mint(secret, room, "booth-demo-1", BOOTH, false, Duration.ofMinutes(10));
            String clerkToken = RoomTokens.mint(secret, room, "clerk-demo", CLERK, true, Duration.ofMinutes(10));
            clerk.addListener(event -> {
                if (event instanceof VideoEvent.Knocking knock) {
                    say("clerk: " + knock.displayName() + " is knocking; letting them in");
                    clerk.admit(knock.participantId());
                }
            });
            follow("clerk", clerk);
            follow("booth", booth);

            BoothDemoScreen screen = show ? BoothDemoScreen.open(booth, language) : null;
            try {
                return runCall(meet, room, booth, clerk, boothToken, clerkToken, language, screen);
            } finally {
                if (screen != null) {
                    screen.close();
                }
            }
        }
    }

    private int runCall(LoopbackMeet meet, String room, ChromiumVideoSession booth, ChromiumVideoSession clerk,
                        String boothToken, String clerkToken, Locale language, BoothDemoScreen screen)
            throws InterruptedException {
        long joinNanos = System.nanoTime();
        booth.join(new JoinRequest(meet.baseUri(), room, boothToken, BOOTH, language, CallRole.RESIDENT));
        if (!await(() -> booth.status().state() == VideoState.WAITING || over(booth), WAIT)
                || booth.status().state() != VideoState.WAITING) {
            return failed("the booth did not reach the lobby: " + booth.status());
        }
        if (clerkAfter > 0) {
            say("the booth waits in the lobby; the clerk comes in " + clerkAfter + " s");
            Thread.sleep(clerkAfter * 1000L);
        }
        long clerkNanos = System.nanoTime();
        clerk.join(new JoinRequest(meet.baseUri(), room, clerkToken, CLERK, Locale.JAPANESE, CallRole.CLERK));
        if (!await(() -> booth.status().state() == VideoState.IN_CALL || over(booth), WAIT)
                || booth.status().state() != VideoState.IN_CALL) {
            return failed("the booth never got into the call: " + booth.status());
        }
        long inCallNanos = System.nanoTime();
        await(() -> meet.firstRemoteVideoFrameNanos(room, BOOTH).isPresent(), WAIT);
        OptionalLong firstFrame = meet.firstRemoteVideoFrameNanos(room, BOOTH);
        say(String.format("booth in the call %d ms after joining (%d ms after the clerk came)",
                millis(inCallNanos - joinNanos), millis(inCallNanos - clerkNanos)));
        say(firstFrame.isPresent()
                ? "booth's first frame of the clerk's video " + millis(firstFrame.getAsLong() - inCallNanos)
                        + " ms after IN_CALL"
                : "the booth saw no frame of the clerk's video within " + WAIT.toSeconds() + " s");

        long endAt = inCallNanos + seconds * 1_000_000_000L;
        boolean moved = false;
        boolean raised = false;
        while (System.nanoTime() < endAt && booth.status().state() == VideoState.IN_CALL) {
            long now = System.nanoTime();
            if (screen != null && move && !moved && now > inCallNanos + (endAt - inCallNanos) / 2) {
                say("moving and resizing the booth's window; the call window follows");
                screen.moveAndResize(160, 90, 1100, 700);
                moved = true;
            } else if (screen != null && move && !raised && now > inCallNanos + (endAt - inCallNanos) * 3 / 4) {
                say("bringing the booth's window to the front; the call window comes back over it");
                screen.raise();
                raised = true;
            }
            Thread.sleep(100);
        }
        boolean hungUpOnScreen = booth.status().state() != VideoState.IN_CALL;
        LoopbackMeet.MediaStats atBooth = meet.mediaStats(room, BOOTH);
        LoopbackMeet.MediaStats atClerk = meet.mediaStats(room, CLERK);
        out.println();
        out.println("media after " + millis(System.nanoTime() - inCallNanos) / 1000.0 + " s in the call:");
        out.printf("  %-22s %14s %12s %14s%n", "", "video frames", "video bytes", "audio packets");
        out.printf("  %-22s %14d %12d %14d%n", "clerk → booth", atBooth.videoFramesDecoded(),
                atBooth.videoBytesReceived(), atBooth.audioPacketsReceived());
        out.printf("  %-22s %14d %12d %14d%n", "booth → clerk", atClerk.videoFramesDecoded(),
                atClerk.videoBytesReceived(), atClerk.audioPacketsReceived());
        out.println();

        if (!hungUpOnScreen) {
            say("booth: hanging up");
            booth.hangUp();
        }
        await(() -> over(booth), WAIT);
        clerk.hangUp();
        await(() -> over(clerk) || clerk.status().state() == VideoState.IDLE, WAIT);
        if (screen != null) {
            Thread.sleep(3000); // the resident's "call ended" screen, to see
        }
        boolean bothWays = atBooth.videoFramesDecoded() > 0 && atBooth.audioPacketsReceived() > 0
                && atClerk.videoFramesDecoded() > 0 && atClerk.audioPacketsReceived() > 0;
        if (!bothWays) {
            return failed("video or audio did not arrive both ways (see the table)");
        }
        out.println("OK: video and audio arrived both ways; everything is closed.");
        return VideoTool.EXIT_OK;
    }

    private int failed(String why) {
        out.println("FAILED: " + why);
        return VideoTool.EXIT_FAILURE;
    }

    private void follow(String who, VideoSession session) {
        session.addListener(event -> {
            if (event instanceof VideoEvent.StatusChanged change
                    && change.previous().state() != change.current().state()) {
                VideoStatus now = change.current();
                say(who + ": " + now.state() + now.reason().map(r -> " (" + r + ")").orElse(""));
            } else if (event instanceof VideoEvent.PeerJoined peer) {
                say(who + ": " + peer.displayName() + " joined");
            } else if (event instanceof VideoEvent.DeviceError error) {
                say(who + ": device problem: " + error.kind() + ": " + error.detail());
            } else if (event instanceof VideoEvent.ConnectionProblem problem) {
                say(who + ": connection problem: " + problem.detail());
            }
        });
    }

    private void say(String line) {
        synchronized (out) {
            out.printf("[%6.2f s] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    static Locale language(String code) {
        return switch (code) {
            case "ja" -> Locale.JAPANESE;
            case "easy" -> jp.madoguchi.video.fx.VideoMessages.EASY_JAPANESE;
            case "en" -> Locale.ENGLISH;
            case "zh" -> Locale.CHINESE;
            case "ko" -> Locale.KOREAN;
            case "vi" -> new Locale("vi");
            case "pt" -> new Locale("pt");
            default -> null;
        };
    }

    private static boolean over(VideoSession session) {
        VideoState state = session.status().state();
        return state == VideoState.ENDED || state == VideoState.FAILED;
    }
}

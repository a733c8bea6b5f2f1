package jp.madoguchi.video.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.chromium.ChromiumOptions;
import jp.madoguchi.video.chromium.ChromiumVideoSession;
import jp.madoguchi.video.loopback.LoopbackMeet;
import jp.madoguchi.video.loopback.RoomTokens;

/**
 * The video benchmark (README "Benchmark", {@code scripts/bench-video.sh [runs=5]}): for each run, a fresh loopback
 * meeting server, a clerk already waiting in the room, and a booth that calls with a cold browser (headless, fake
 * camera and microphone). The clerk admits the booth as soon as it knocks. Prints, from the booth's
 * {@code join()}: WAITING (in the lobby), IN_CALL, and the first remote video frame rendered at the booth; then
 * the memory of the booth's and the clerk's browser (whole process tree, PSS). Target: first frame under 3 s.
 */
public final class FirstFrameBenchmark {
    private static final byte[] SECRET = "bench-secret-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Run(double waitingMs, double inCallMs, double firstFrameMs, double boothMb, double clerkMb) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("first remote video frame at the booth, %d runs (headless Chromium, fake devices, loopback)%n",
                runs);
        System.out.printf("%-5s %14s %14s %18s %12s %12s%n", "run", "join→WAITING", "join→IN_CALL",
                "join→first frame", "booth MB", "clerk MB");
        List<Run> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Run run = once(i);
            results.add(run);
            print(Integer.toString(i), run);
        }
        Run median = new Run(median(results, Run::waitingMs), median(results, Run::inCallMs),
                median(results, Run::firstFrameMs), median(results, Run::boothMb), median(results, Run::clerkMb));
        print("median", median);
        System.out.printf("target: first frame under 3000 ms: %s%n", median.firstFrameMs() < 3000 ? "met" : "NOT met");
    }

    private static void print(String label, Run run) {
        System.out.printf(Locale.ROOT, "%-6s %11.0f ms %11.0f ms %15.0f ms %12.1f %12.1f%n", label, run.waitingMs(),
                run.inCallMs(), run.firstFrameMs(), run.boothMb(), run.clerkMb());
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> field) {
        double[] values = runs.stream().mapToDouble(field).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static Run once(int number) throws Exception {
        String room = "bench" + number;
        String boothName = "Booth Bench-" + number;
        try (LoopbackMeet meet = LoopbackMeet.start(LoopbackMeet.Options.defaults().withAppSecret(SECRET));
             ChromiumVideoSession clerk = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia());
             ChromiumVideoSession booth = new ChromiumVideoSession(ChromiumOptions.headlessWithFakeMedia())) {
            clerk.addListener(event -> {
                if (event instanceof VideoEvent.Knocking knock && knock.displayName().equals(boothName)) {
                    clerk.admit(knock.participantId());
                }
            });
            clerk.join(new JoinRequest(meet.baseUri(), room, token(room, "clerk", "Clerk", true), "Clerk",
                    Locale.JAPANESE, CallRole.CLERK));
            await(() -> clerk.status().state() == VideoState.WAITING, "the clerk in the room");

            AtomicLong waiting = new AtomicLong();
            AtomicLong inCall = new AtomicLong();
            booth.addListener(event -> {
                if (event instanceof VideoEvent.StatusChanged change) {
                    VideoState state = change.current().state();
                    if (state == VideoState.WAITING) {
                        waiting.compareAndSet(0, System.nanoTime());
                    } else if (state == VideoState.IN_CALL) {
                        inCall.compareAndSet(0, System.nanoTime());
                    }
                }
            });
            long start = System.nanoTime();
            booth.join(new JoinRequest(meet.baseUri(), room, token(room, "booth", boothName, false), boothName,
                    Locale.JAPANESE, CallRole.RESIDENT));
            await(() -> meet.firstRemoteVideoFrameNanos(room, boothName).isPresent(), "the first frame at the booth");
            OptionalLong frame = meet.firstRemoteVideoFrameNanos(room, boothName);
            await(() -> inCall.get() != 0, "IN_CALL at the booth");
            double boothMb = booth.browserMemoryBytes() / 1048576.0;
            double clerkMb = clerk.browserMemoryBytes() / 1048576.0;
            booth.hangUp();
            return new Run(ms(waiting.get() - start), ms(inCall.get() - start), ms(frame.getAsLong() - start),
                    boothMb, clerkMb);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within 30 s");
            }
            Thread.sleep(5);
        }
    }

    private static String token(String room, String id, String name, boolean moderator) {
        return RoomTokens.mint(SECRET, room, id, name, moderator, java.time.Duration.ofMinutes(10));
    }
}

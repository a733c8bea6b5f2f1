package jp.madoguchi.kiosk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jp.madoguchi.kiosk.app.BoothAssembly;
import jp.madoguchi.kiosk.app.ReadyMarker;

/**
 * The booth's benchmark (README "Benchmark", issue 6): cold start to the attract screen against a bare JavaFX
 * window started the same way from the same jar, the booth's resident memory after 10 s idle on the attract screen,
 * and the touches a resident needs for a 住民票. Asserts nothing; prints, beside each result, its target.
 *
 * <p>Each run starts both as fresh JVMs ({@code java -cp JAR …}), in alternating order, and measures from just
 * before the process is started to the {@link ReadyMarker} line the process writes at its stage's first layout
 * pulse (both read the same monotonic clock: Linux's {@code CLOCK_MONOTONIC}). One untimed warm-up run of each comes
 * first (the JavaFX native libraries are unpacked, the file cache is filled, the test authority is made).
 *
 * <p>The booth measured is the real one ({@link BoothAssembly#parts()}) in demo mode, windowed, with the demo card.
 *
 * <p>Usage (scripts/bench-booth.sh): {@code RUNS JAR TEST_CLASS_PATH WORK_DIR [--hq-url URL --booth-dir DIR]}
 */
public final class StartupBenchmark {
    static final double START_TARGET_RATIO = 1.3;
    static final double MEMORY_TARGET_MB = 300;
    static final int TOUCH_TARGET = 8;
    static final int IDLE_SECONDS = 10;
    private static final long READY_TIMEOUT_SECONDS = 120;
    /**
     * The JVM options the booth is shipped with (README "Starting the booth"), given to the bare window too: a
     * small serial-collected heap that starts small, and the C1 compiler only (a booth has one resident at a time
     * and 2 cores; what it computes is short: a form, a signature, a receipt).
     */
    static final List<String> SHIPPED_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m",
            "-XX:TieredStopAtLevel=1");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: RUNS JAR TEST_CLASS_PATH WORK_DIR [booth options...]");
        }
        int runs = Integer.parseInt(args[0]);
        Path jar = Path.of(args[1]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[3]).toAbsolutePath());
        List<String> boothOptions = List.of(args).subList(4, args.length);

        String classPath = jar.toString();
        List<String> booth = new ArrayList<>(List.of("jp.madoguchi.kiosk.app.BoothMain", "--demo", "--windowed", "--lang", "ja",
                "--data-dir", work.resolve("booth-data").toString(),
                "--test-authority", work.resolve("test-authority").toString()));
        booth.addAll(boothOptions);
        List<String> bare = List.of("jp.madoguchi.kiosk.bench.BareWindow");

        print("booth startup benchmark: " + runs + " runs, JVM " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, DISPLAY=" + System.getenv("DISPLAY"));
        print("booth: the real booth (BoothAssembly), demo mode, windowed");
        print("both from " + jar.getFileName() + " on the same class path; from process start to the first layout "
                + "pulse of the shown stage");

        // the warm-up runs also write each program's own class-data-sharing archive (AppCDS, as the booth makes
        // its archive on its first start: README "Starting the booth"), which the timed runs then map
        Launch.run(classPath, bare, work, "warm-up-bare", false, archiveAtExit(work, "bare"));
        Launch.run(classPath, booth, work, "warm-up-booth", false, archiveAtExit(work, "booth"));
        List<String> bareFlags = sharedArchive(work, "bare");
        List<String> boothFlags = sharedArchive(work, "booth");
        print("JVM options of both: " + String.join(" ", SHIPPED_JVM_OPTIONS) + " and each its own AppCDS archive ("
                + (bareFlags.size() > SHIPPED_JVM_OPTIONS.size() ? "bare: made" : "bare: NOT made") + ", "
                + (boothFlags.size() > SHIPPED_JVM_OPTIONS.size() ? "booth: made" : "booth: NOT made") + ")");

        List<Double> bareMillis = new ArrayList<>();
        List<Double> boothMillis = new ArrayList<>();
        List<double[]> memory = new ArrayList<>();
        print("");
        print(String.format(Locale.ROOT, "%-8s %14s %14s %12s %12s", "run", "bare window", "booth", "booth RSS", "booth PSS"));
        for (int run = 1; run <= runs; run++) {
            Launch first;
            Launch second;
            if (run % 2 == 1) {
                first = Launch.run(classPath, bare, work, "bare-" + run, false, bareFlags);
                second = Launch.run(classPath, booth, work, "booth-" + run, true, boothFlags);
            } else {
                second = Launch.run(classPath, booth, work, "booth-" + run, true, boothFlags);
                first = Launch.run(classPath, bare, work, "bare-" + run, false, bareFlags);
            }
            bareMillis.add(first.readyMillis);
            boothMillis.add(second.readyMillis);
            memory.add(new double[] {second.rssMb, second.pssMb});
            print(String.format(Locale.ROOT, "%-8d %11.0f ms %11.0f ms %9.1f MB %9.1f MB", run, first.readyMillis,
                    second.readyMillis, second.rssMb, second.pssMb));
        }
        double bareMedian = median(bareMillis);
        double boothMedian = median(boothMillis);
        double rssMedian = median(memory.stream().map(m -> m[0]).toList());
        double pssMedian = median(memory.stream().map(m -> m[1]).toList());
        print(String.format(Locale.ROOT, "%-8s %11.0f ms %11.0f ms %9.1f MB %9.1f MB", "median", bareMedian,
                boothMedian, rssMedian, pssMedian));
        print(String.format(Locale.ROOT, "%-8s %11.0f ms %11.0f ms", "min", Collections.min(bareMillis),
                Collections.min(boothMillis)));
        print("");
        double ratio = boothMedian / bareMedian;
        print(String.format(Locale.ROOT, "start: booth / bare window = %.2fx (median)   target <= %.1fx   %s", ratio,
                START_TARGET_RATIO, ratio <= START_TARGET_RATIO ? "met" : "NOT met"));
        print(String.format(Locale.ROOT, "memory: booth resident after %d s idle on the attract screen = %.1f MB RSS, "
                + "%.1f MB PSS (median)   target < %.0f MB   %s", IDLE_SECONDS, rssMedian, pssMedian, MEMORY_TARGET_MB,
                rssMedian < MEMORY_TARGET_MB ? "met" : "NOT met"));
        JuminhyoTouches.RealCount touches = JuminhyoTouches.countWithRealJourney();
        print(String.format(Locale.ROOT, "touches for a 住民票 (PIN and password keys excluded, the pads' two OK keys "
                + "counted) = %d   target <= %d   %s", touches.touches(), TOUCH_TARGET,
                touches.touches() <= TOUCH_TARGET ? "met" : "NOT met"));
        print("  " + String.join(" > ", touches.driven().actions()));
    }

    private static List<String> archiveAtExit(Path work, String program) {
        List<String> flags = new ArrayList<>(SHIPPED_JVM_OPTIONS);
        flags.add("-XX:ArchiveClassesAtExit=" + work.resolve(program + ".jsa"));
        return flags;
    }

    private static List<String> sharedArchive(Path work, String program) {
        List<String> flags = new ArrayList<>(SHIPPED_JVM_OPTIONS);
        Path archive = work.resolve(program + ".jsa");
        if (Files.isRegularFile(archive)) {
            flags.add("-XX:SharedArchiveFile=" + archive);
        }
        return flags;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @SuppressWarnings("java:S106") // a benchmark's output is its console
    private static void print(String line) {
        System.out.println(line);
    }

    /** One fresh JVM: started, waited for until its stage is shown, optionally measured idle, then stopped. */
    private static final class Launch {
        double readyMillis;
        double rssMb = Double.NaN;
        double pssMb = Double.NaN;

        static Launch run(String classPath, List<String> mainAndArgs, Path work, String name, boolean measureMemory,
                List<String> jvmFlags) throws IOException, InterruptedException {
            Path ready = work.resolve(name + ".ready");
            Path log = work.resolve(name + ".log");
            Files.deleteIfExists(ready);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(jvmFlags);
            command.addAll(List.of("-D" + ReadyMarker.PROPERTY + "=" + ready,
                    "-Djavafx.cachedir=" + work.resolve("javafx-cache"), "-cp", classPath));
            command.addAll(mainAndArgs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Launch launch = new Launch();
            long started = System.nanoTime();
            Process process = builder.start();
            try {
                long readyAt = awaitReady(process, ready, log);
                launch.readyMillis = (readyAt - started) / 1e6;
                if (measureMemory) {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
                    double[] memory = residentMemoryMb(process.pid());
                    launch.rssMb = memory[0];
                    launch.pssMb = memory[1];
                }
            } finally {
                process.destroy(); // SIGTERM: the booth's shutdown hook closes its store (and the JVM writes an archive)
                if (!process.waitFor(jvmFlags.stream().anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit"))
                        ? 300 : 20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            return launch;
        }

        private static long awaitReady(Process process, Path ready, Path log) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                if (Files.exists(ready)) {
                    String line = Files.readString(ready, StandardCharsets.US_ASCII).strip();
                    String[] fields = line.split(" ");
                    if (fields.length == 3 && fields[0].equals("READY")) { // written whole, with its newline
                        return Long.parseLong(fields[1]);
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the process ended (exit " + process.exitValue()
                            + ") before its stage was shown; its output:\n" + Files.readString(log));
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("no READY marker within " + READY_TIMEOUT_SECONDS + " s; output:\n"
                    + Files.readString(log));
        }

        /** {Rss, Pss} in MB from /proc/PID/smaps_rollup. */
        private static double[] residentMemoryMb(long pid) throws IOException {
            double rss = Double.NaN;
            double pss = Double.NaN;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 2 && parts[0].equals("Rss:")) {
                    rss = Long.parseLong(parts[1]) / 1024.0;
                } else if (parts.length >= 2 && parts[0].equals("Pss:")) {
                    pss = Long.parseLong(parts[1]) / 1024.0;
                }
            }
            return new double[] {rss, pss};
        }
    }
}

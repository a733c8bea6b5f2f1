package jp.madoguchi.video.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import jp.madoguchi.video.chromium.ChromiumBrowser;
import jp.madoguchi.video.chromium.ChromiumOptions;

/**
 * The real Chromium behind a small shell wrapper ({@link #executable()}, for {@code ChromiumOptions.withExecutable}),
 * so that a test can see what the adapter did with it: every profile directory a start was given
 * ({@link #profiles()}), every process of those browsers that still runs, wherever it was reparented
 * ({@link #runningProcesses()}: each carries a variable unique to this wrapper, as other test JVMs on the machine
 * run browsers of their own), and a browser that refuses to start again ({@link #refuseStarts}), as a broken
 * installation or a crash at start would.
 */
public final class WatchedChromium {
    private static final String RUN_VARIABLE = "MADOGUCHI_WATCHED_RUN";
    private final Path executable;
    private final Path launches;
    private final Path refuse;
    private final String run = UUID.randomUUID().toString();

    /** Writes the wrapper into {@code dir} (a test's temporary folder). */
    public WatchedChromium(Path dir) {
        this.executable = dir.resolve("chromium-watched");
        this.launches = dir.resolve("chromium-launches.txt");
        this.refuse = dir.resolve("chromium-refuses");
        Path real = ChromiumOptions.headlessWithFakeMedia().resolveExecutable();
        String script = "#!/bin/sh\n"
                + "for arg in \"$@\"; do case \"$arg\" in --user-data-dir=*) printf '%s\\n' \"${arg#--user-data-dir=}\""
                + " >> " + quoted(launches) + ";; esac; done\n"
                + "[ -e " + quoted(refuse) + " ] && exit 71\n"
                + RUN_VARIABLE + "=" + run + "; export " + RUN_VARIABLE + "\n"
                + "exec " + quoted(real) + " \"$@\"\n";
        try {
            Files.writeString(executable, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!executable.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + executable + " executable");
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    /** The wrapper, to start instead of the browser. */
    public Path executable() {
        return executable;
    }

    /** From now on, starting the browser fails at once (exit code 71), or works again. */
    public void refuseStarts(boolean refusing) {
        try {
            if (refusing) {
                Files.writeString(refuse, "");
            } else {
                Files.deleteIfExists(refuse);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile directory ({@code --user-data-dir}) of every start so far, in order. */
    public List<Path> profiles() {
        try {
            if (!Files.exists(launches)) {
                return List.of();
            }
            Set<Path> profiles = new LinkedHashSet<>();
            for (String line : Files.readAllLines(launches, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    profiles.add(Path.of(line.trim()));
                }
            }
            return List.copyOf(profiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profiles of {@link #profiles()} that still exist. */
    public List<Path> profilesLeft() {
        return profiles().stream().filter(Files::exists).toList();
    }

    /** Processes of browsers started through this wrapper that still run (not zombies), by pid. */
    public List<Long> runningProcesses() {
        String marker = RUN_VARIABLE + "=" + run;
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String environ = new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.UTF_8);
                    long pid = Long.parseLong(name);
                    if ((environ.startsWith(marker + "\0") || environ.contains("\0" + marker + "\0"))
                            && ProcessHandle.of(pid).map(ChromiumBrowser::running).orElse(false)) {
                        found.add(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or another user's
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}

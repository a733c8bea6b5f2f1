package jp.madoguchi.video.chromium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the managed browser is started.
 *
 * <p>The browser is found in this order: the {@code executable} given here; the system property
 * {@code madoguchi.browser}; the environment variable {@code MADOGUCHI_BROWSER}; then the usual places:
 * {@code /usr/bin/chromium} (Debian), {@code /usr/bin/chromium-browser}, {@code /usr/bin/google-chrome},
 * {@code /usr/bin/google-chrome-stable}, {@code /usr/bin/microsoft-edge}; on Windows
 * {@code C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe},
 * {@code C:\Program Files\Microsoft\Edge\Application\msedge.exe} and
 * {@code C:\Program Files\Google\Chrome\Application\chrome.exe} (any Chromium-based browser speaks the same
 * DevTools protocol and takes the same switches).
 *
 * @param executable   the browser, or empty to search as above
 * @param headless     no window at all (tests, the benchmark, the demo on a machine without a display)
 * @param fakeMedia    a synthetic camera and microphone, and no permission prompt (tests, benchmark, demo)
 * @param loopbackWebRtc offer plain local IP candidates instead of mDNS names (two browsers on one machine
 *                     without an mDNS responder, as in tests)
 * @param startTimeout how long the browser may take to open its DevTools endpoint
 * @param closeGrace   how long the browser may take to exit after {@code Browser.close} before it is killed
 * @param extraArgs    more switches, appended as given; none may move or widen the DevTools endpoint or the profile
 *                     ({@code --remote-debugging-*}, {@code --remote-allow-origins}, {@code --user-data-dir}), since
 *                     Chromium takes the last of a repeated switch (docs/security.md)
 */
public record ChromiumOptions(Optional<Path> executable, boolean headless, boolean fakeMedia, boolean loopbackWebRtc,
                              Duration startTimeout, Duration closeGrace, List<String> extraArgs) {

    /** The system property naming the browser executable. */
    public static final String BROWSER_PROPERTY = "madoguchi.browser";
    /** The environment variable naming the browser executable. */
    public static final String BROWSER_ENV = "MADOGUCHI_BROWSER";

    public ChromiumOptions {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(closeGrace, "closeGrace");
        extraArgs = List.copyOf(extraArgs);
        for (String arg : extraArgs) {
            String name = arg.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (RESERVED_SWITCHES.stream().anyMatch(name::startsWith)) {
                throw new IllegalArgumentException("the DevTools endpoint and the profile are not configurable: "
                        + name);
            }
        }
    }

    /**
     * Switches {@link ChromiumBrowser} sets itself, which an extra argument must not override: DevTools stays on
     * 127.0.0.1, on a port the browser picks at each start, reachable only by a client that read the profile's
     * {@code DevToolsActivePort} file, and not from a web page of another origin.
     */
    private static final List<String> RESERVED_SWITCHES = List.of("--remote-debugging", "--remote-allow-origins",
            "--user-data-dir");

    /** A booth or a clerk's desktop: a real window, real devices. */
    public static ChromiumOptions production() {
        return new ChromiumOptions(Optional.empty(), false, false, false, Duration.ofSeconds(20),
                Duration.ofSeconds(3), List.of());
    }

    /**
     * A demo on one machine (kiosk-app --demo, the clerk console's demo): a real window, but a synthetic camera and
     * microphone (a developer's machine or a CI runner may have neither) and WebRTC over loopback.
     */
    public static ChromiumOptions demoWindow() {
        return new ChromiumOptions(Optional.empty(), false, true, true, Duration.ofSeconds(20),
                Duration.ofSeconds(3), List.of());
    }

    /** Tests, the benchmark and the demo: headless, fake camera and microphone, WebRTC over loopback. */
    public static ChromiumOptions headlessWithFakeMedia() {
        return new ChromiumOptions(Optional.empty(), true, true, true, Duration.ofSeconds(20),
                Duration.ofSeconds(2), List.of());
    }

    public ChromiumOptions withExecutable(Path path) {
        return new ChromiumOptions(Optional.of(path), headless, fakeMedia, loopbackWebRtc, startTimeout, closeGrace,
                extraArgs);
    }

    public ChromiumOptions withExtraArgs(List<String> args) {
        return new ChromiumOptions(executable, headless, fakeMedia, loopbackWebRtc, startTimeout, closeGrace, args);
    }

    /**
     * The browser to start: see the class comment for the order.
     *
     * @throws BrowserUnavailableException when none is found
     */
    public Path resolveExecutable() {
        if (executable.isPresent()) {
            return checked(executable.get(), "configured");
        }
        String property = System.getProperty(BROWSER_PROPERTY);
        if (property != null && !property.isBlank()) {
            return checked(Path.of(property), "system property " + BROWSER_PROPERTY);
        }
        String env = System.getenv(BROWSER_ENV);
        if (env != null && !env.isBlank()) {
            return checked(Path.of(env), "environment variable " + BROWSER_ENV);
        }
        for (Path candidate : candidates()) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new BrowserUnavailableException("no Chromium, Chrome or Edge found (looked at " + candidates()
                + "); set " + BROWSER_ENV + " or -D" + BROWSER_PROPERTY);
    }

    static List<Path> candidates() {
        List<Path> list = new ArrayList<>();
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            list.add(Path.of("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"));
            list.add(Path.of("C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe"));
            list.add(Path.of("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"));
        } else {
            for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                    "/usr/bin/google-chrome-stable", "/usr/bin/microsoft-edge")) {
                list.add(Path.of(p));
            }
        }
        return list;
    }

    private static Path checked(Path path, String source) {
        if (!Files.isExecutable(path)) {
            throw new BrowserUnavailableException("the browser " + path + " (" + source + ") is not an executable file");
        }
        return path;
    }
}

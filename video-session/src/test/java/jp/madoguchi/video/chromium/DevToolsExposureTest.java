package jp.madoguchi.video.chromium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import jp.madoguchi.video.ScreenRect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security review (issue 9): the browser's DevTools endpoint (which can read and drive the call page) is asked for on
 * 127.0.0.1 with a port the browser picks at each start, exactly once, and no extra switch can move or widen it
 * (Chromium takes the last of a repeated switch). ChromiumBrowserTest starts a real browser and checks the port is
 * bound to 127.0.0.1 only.
 */
class DevToolsExposureTest {
    private static final URI APP = URI.create("http://127.0.0.1:1/t/call.html");

    @Test
    void devToolsIsAskedForOnLoopbackWithAFreshPortOnlyOnce() {
        for (ChromiumOptions options : List.of(ChromiumOptions.production(), ChromiumOptions.demoWindow(),
                ChromiumOptions.headlessWithFakeMedia())) {
            List<String> args = ChromiumBrowser.arguments(options, Path.of("/tmp/p"), APP, new ScreenRect(0, 0, 8, 8));
            List<String> devTools = args.stream().filter(a -> a.startsWith("--remote-")).toList();
            assertEquals(List.of("--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1"), devTools,
                    args.toString());
            assertEquals(1, args.stream().filter(a -> a.startsWith("--user-data-dir=")).count(), args.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--remote-debugging-address=0.0.0.0", "--remote-debugging-port=9222",
        "--remote-debugging-pipe", "--remote-allow-origins=*", "--user-data-dir=/home/booth/.config/chromium",
        "--REMOTE-DEBUGGING-ADDRESS=0.0.0.0"})
    void noExtraSwitchCanMoveOrWidenTheEndpoint(String arg) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChromiumOptions.production().withExtraArgs(List.of("--mute-audio", arg)));
        assertTrue(e.getMessage().contains("not configurable"), e.getMessage());
    }

    @Test
    void otherExtraSwitchesAreStillAppended() {
        ChromiumOptions options = ChromiumOptions.production().withExtraArgs(List.of("--mute-audio"));
        List<String> args = ChromiumBrowser.arguments(options, Path.of("/tmp/p"), APP, null);
        assertTrue(args.contains("--mute-audio"), args.toString());
    }
}

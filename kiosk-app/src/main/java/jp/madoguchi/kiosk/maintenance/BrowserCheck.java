package jp.madoguchi.kiosk.maintenance;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The browser the video call runs in is installed (video-session's {@code ChromiumOptions.resolveExecutable()}:
 * {@code MADOGUCHI_BROWSER}, then {@code chromium}, Chrome or Edge). Without it the booth cannot call a clerk.
 */
public final class BrowserCheck implements Check {
    private final Supplier<Path> executable;

    /** @param executable the browser the video session would start; throws (any runtime exception) when none */
    public BrowserCheck(Supplier<Path> executable) {
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    @Override
    public String titleKey() {
        return "maint.check.browser.title";
    }

    @Override
    public CheckResult run() {
        try {
            Path browser = executable.get();
            return CheckResult.ok("maint.check.browser.ok", browser.toString(), browser.getFileName().toString());
        } catch (RuntimeException e) {
            return CheckResult.fail("maint.check.browser.missing", String.valueOf(e.getMessage()));
        }
    }
}

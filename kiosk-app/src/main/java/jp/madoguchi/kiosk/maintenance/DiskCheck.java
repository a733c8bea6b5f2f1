package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Free space where the booth keeps its data: a warning under 1 GB, a failure under 200 MB. */
public final class DiskCheck implements Check {
    public static final long WARN_BELOW_BYTES = 1L << 30;
    public static final long FAIL_BELOW_BYTES = 200L << 20;

    private final Path dataDir;
    private final long warnBelow;
    private final long failBelow;

    public DiskCheck(Path dataDir) {
        this(dataDir, WARN_BELOW_BYTES, FAIL_BELOW_BYTES);
    }

    DiskCheck(Path dataDir, long warnBelow, long failBelow) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.warnBelow = warnBelow;
        this.failBelow = failBelow;
    }

    @Override
    public String titleKey() {
        return "maint.check.disk.title";
    }

    @Override
    public CheckResult run() {
        long free;
        try {
            FileStore store = Files.getFileStore(dataDir);
            free = store.getUsableSpace();
        } catch (IOException e) {
            return CheckResult.fail("maint.check.disk.error", dataDir + ": " + e);
        }
        String megabytes = String.format(Locale.ROOT, "%,d", free >> 20);
        String detail = dataDir + ": " + megabytes + " MB free";
        if (free < failBelow) {
            return CheckResult.fail("maint.check.disk.full", detail, megabytes);
        }
        if (free < warnBelow) {
            return CheckResult.warn("maint.check.disk.low", detail, megabytes);
        }
        return CheckResult.ok("maint.check.disk.ok", detail, megabytes);
    }
}

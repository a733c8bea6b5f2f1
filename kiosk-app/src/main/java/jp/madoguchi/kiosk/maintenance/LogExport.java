package jp.madoguchi.kiosk.maintenance;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import jp.madoguchi.kiosk.store.AuditEvent;
import jp.madoguchi.kiosk.store.AuditTrail;
import jp.madoguchi.kiosk.store.AuditVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the booth's log file (and its rotated siblings, {@code booth.log.1} …) into a new folder in a directory
 * IT staff chose (a USB stick), every line through a {@link LogScrubber}; adds the audit trail (references and
 * events only, with its verification result) and records the export in the audit trail. Blocking file I/O: run
 * it on an executor. Thread-safe (no state).
 */
public final class LogExport {
    private static final Logger log = LoggerFactory.getLogger(LogExport.class);
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    static final String AUDIT_FILE = "audit-trail.txt";

    /** What an export wrote. */
    public record Report(Path folder, List<Path> files, int masked, AuditVerification auditVerification) {
        public Report {
            files = List.copyOf(files);
        }
    }

    private final AuditTrail audit;
    private final Clock clock;
    private final Supplier<? extends Collection<String>> denylist;

    public LogExport(AuditTrail audit, Clock clock, Supplier<? extends Collection<String>> denylist) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.denylist = Objects.requireNonNull(denylist, "denylist");
    }

    /** The log file and its rotated siblings that exist now, the log file first. */
    public static List<Path> logFiles(Path logFile) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(logFile)) {
            files.add(logFile);
        }
        Path dir = logFile.toAbsolutePath().getParent();
        String name = logFile.getFileName().toString();
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, name + ".*")) {
                List<Path> rotated = new ArrayList<>();
                siblings.forEach(p -> {
                    if (Files.isRegularFile(p)) {
                        rotated.add(p);
                    }
                });
                rotated.sort(null);
                files.addAll(rotated);
            }
        }
        return files;
    }

    /**
     * Exports into a new folder {@code madoguchi-logs-<UTC time>} under {@code targetDir}.
     *
     * @throws IOException when the target cannot be written (nothing is recorded then)
     */
    public Report export(Path logFile, Path targetDir) throws IOException {
        if (!Files.isDirectory(targetDir)) {
            throw new IOException("not a directory: " + targetDir);
        }
        Path folder = targetDir.resolve("madoguchi-logs-" + FOLDER_TIME.format(clock.instant()));
        for (int n = 2; Files.exists(folder); n++) {
            folder = targetDir.resolve("madoguchi-logs-" + FOLDER_TIME.format(clock.instant()) + "-" + n);
        }
        Files.createDirectory(folder);
        LogScrubber scrubber = new LogScrubber(denylist.get());
        List<Path> written = new ArrayList<>();
        for (Path source : logFiles(logFile)) {
            Path target = folder.resolve(source.getFileName().toString());
            copyScrubbed(source, target, scrubber);
            written.add(target);
        }
        audit.append(AuditEvent.LOG_EXPORTED, null);
        AuditVerification verification = audit.verify();
        Path auditFile = folder.resolve(AUDIT_FILE);
        Files.write(auditFile, audit.export(), StandardCharsets.UTF_8);
        written.add(auditFile);
        log.info("logs exported: {} files, {} masked, {}", written.size(), scrubber.masks(), verification);
        return new Report(folder, written, scrubber.masks(), verification);
    }

    private static void copyScrubbed(Path source, Path target, LogScrubber scrubber) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(source),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
             BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(scrubber.scrub(line));
                out.newLine();
            }
        }
    }
}

package jp.madoguchi.card.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code card-reader.jar} as its own JVM, as IT staff do: slf4j-simple starts fresh there, so
 * {@code -v} really logs every APDU at debug level, and environment variables such as HOME or
 * PCSCLITE_CSOCK_NAME apply from the start. stdout and stderr go to files (no pipe can fill up).
 */
final class ToolProcess {
    /** What one run left behind. */
    record Result(int exitCode, String out, String err) {
    }

    private ToolProcess() {
    }

    /**
     * @param workDir where stdout/stderr are captured (not inside a directory whose files are scanned)
     * @param environment variables to set or override in the child
     */
    static Result run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return run(workDir, environment, List.of(), args);
    }

    /** As {@link #run(Path, Map, String...)}, with system properties or other options for the child JVM. */
    static Result run(Path workDir, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CardTool.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("card-reader " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

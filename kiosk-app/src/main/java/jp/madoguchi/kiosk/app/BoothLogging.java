package jp.madoguchi.kiosk.app;

import java.nio.file.Path;

/**
 * The booth logs through SLF4J into slf4j-simple, which reads its configuration from system properties once,
 * when the first logger is made: {@link #configure} must run in {@code main} before anything logs.
 * Log lines carry reference numbers and events only (architecture.md, "Data that must never leak").
 */
public final class BoothLogging {
    private BoothLogging() {
    }

    /**
     * Sends the log to {@code logFile} (appending), with date and thread, at {@code info} ({@code debug} when
     * {@code verbose}); Flyway's and Javalin-free libraries' chatter stays at {@code warn}. A property the
     * user set on the command line ({@code -Dorg.slf4j.simpleLogger...}) wins.
     */
    public static void configure(Path logFile, boolean verbose) {
        setUnlessGiven("org.slf4j.simpleLogger.logFile", logFile.toString());
        setUnlessGiven("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
        setUnlessGiven("org.slf4j.simpleLogger.showDateTime", "true");
        setUnlessGiven("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setUnlessGiven("org.slf4j.simpleLogger.showThreadName", "true");
        setUnlessGiven("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
    }

    private static void setUnlessGiven(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

package jp.madoguchi.clerk.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar clerk-console.jar --hq-url URL --hq-ca FILE [--lang ja|en] [--demo]}: the clerk console.
 * Not a JavaFX {@code Application} itself (toolchain-notes.md): it checks the command line, then launches
 * {@link ConsoleApplication}. Exit codes: 0 closed normally, 1 could not start, 2 a bad command line.
 */
@Command(name = "clerk-console", mixinStandardHelpOptions = true, version = "Madoguchi clerk console 0.1.0",
        description = "The headquarters clerk's console: log in, answer the booths' calls, check and decide applications.")
public final class ConsoleMain implements Callable<Integer> {

    @Option(names = "--hq-url", required = true, defaultValue = "${env:MADOGUCHI_HQ_URL}",
            description = "headquarters, e.g. https://hq.example.lg.jp (or MADOGUCHI_HQ_URL)")
    URI hqUrl;

    @Option(names = "--hq-ca", required = true, defaultValue = "${env:MADOGUCHI_HQ_CA}",
            description = "the PEM certificate of headquarters' CA, which its TLS certificate chains to (or MADOGUCHI_HQ_CA)")
    Path hqCa;

    @Option(names = "--lang", defaultValue = "ja", description = "ja (default) or en")
    String lang;

    @Option(names = "--demo", description = "demo mode: the video in a normal Chromium window beside the console")
    boolean demo;

    /** What the application reads once launched (JavaFX creates the Application itself). */
    record Settings(URI hqUrl, X509Certificate hqCa, Locale locale, boolean demo) {
    }

    static volatile Settings settings;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return new CommandLine(new ConsoleMain()).execute(args);
    }

    @Override
    public Integer call() {
        if (hqUrl == null || !"https".equals(hqUrl.getScheme()) || hqUrl.getHost() == null) {
            System.err.println("--hq-url must be an https:// URL of headquarters, e.g. https://hq.example.lg.jp");
            return 2;
        }
        X509Certificate ca;
        try {
            ca = readCertificate(hqCa);
        } catch (IOException | CertificateException e) {
            System.err.println("cannot read headquarters' CA certificate " + hqCa + ": " + e.getMessage());
            return 2;
        }
        Locale locale = switch (lang) {
            case "ja" -> Locale.JAPANESE;
            case "en" -> Locale.ENGLISH;
            default -> null;
        };
        if (locale == null) {
            System.err.println("--lang must be ja or en");
            return 2;
        }
        settings = new Settings(hqUrl, ca, locale, demo);
        try {
            Application.launch(ConsoleApplication.class);
        } catch (RuntimeException e) {
            System.err.println("the clerk console could not start: " + e);
            return 1;
        }
        return 0;
    }

    static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IOException("no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}

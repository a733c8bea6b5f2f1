package jp.madoguchi.kiosk.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the startup benchmark: with {@code -D}{@value #PROPERTY}{@code =FILE}, the first layout pulse of a
 * stage's scene after it is shown appends {@code READY <System.nanoTime()> <JVM uptime ms>} to FILE (the
 * benchmark, on the same machine, compares the monotonic clock with its own reading taken when it started the
 * process). The booth and the bare comparison window arm it the same way. Without the property it does nothing.
 */
public final class ReadyMarker {
    /** The system property naming the file to append the marker line to. */
    public static final String PROPERTY = "madoguchi.bench.ready-file";

    private static final Logger log = LoggerFactory.getLogger(ReadyMarker.class);

    private ReadyMarker() {
    }

    /** On the FX thread, before {@code stage.show()}. */
    public static void armIfRequested(Stage stage) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Path target = Path.of(file);
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                Scene scene = stage.getScene();
                if (scene == null) {
                    write(target, "READY " + System.nanoTime() + " " + ManagementFactory.getRuntimeMXBean().getUptime()
                            + "\n");
                    return;
                }
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    scene.removePostLayoutPulseListener(once[0]);
                    long now = System.nanoTime();
                    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
                    Thread writer = new Thread(() -> write(target, "READY " + now + " " + uptime + "\n"),
                            "ready-marker");
                    writer.setDaemon(true);
                    writer.start();
                };
                scene.addPostLayoutPulseListener(once[0]);
            }
        });
    }

    private static void write(Path target, String line) {
        try {
            Files.writeString(target, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot write the ready marker to {}: {}", target, e.toString());
        }
    }
}

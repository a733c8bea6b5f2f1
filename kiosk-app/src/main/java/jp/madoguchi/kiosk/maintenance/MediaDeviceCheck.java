package jp.madoguchi.kiosk.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Whether a camera or a microphone is attached, without opening either and without a browser (the self-test runs
 * before the booth's session exists): cameras are the Video4Linux nodes {@code /dev/video*}, microphones the ALSA
 * capture devices in {@code /proc/asound/pcm}. Neither is a FAIL: a clerk must see and hear the resident. Presence
 * only; the maintenance screen's "camera and microphone" check opens them through the browser.
 */
public final class MediaDeviceCheck implements Check {
    /** What is looked for. */
    public enum Kind {
        CAMERA, MICROPHONE
    }

    private final Kind kind;
    private final Path devices;
    private final Path alsaPcm;

    /** The machine's {@code /dev} and {@code /proc/asound/pcm}. */
    public MediaDeviceCheck(Kind kind) {
        this(kind, Path.of("/dev"), Path.of("/proc/asound/pcm"));
    }

    /** With other places to look (tests). */
    public MediaDeviceCheck(Kind kind, Path devices, Path alsaPcm) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.alsaPcm = Objects.requireNonNull(alsaPcm, "alsaPcm");
    }

    @Override
    public String titleKey() {
        return kind == Kind.CAMERA ? "maint.check.camera.title" : "maint.check.microphone.title";
    }

    @Override
    public CheckResult run() throws IOException {
        if (kind == Kind.CAMERA) {
            List<String> cameras = cameras();
            return cameras.isEmpty()
                    ? CheckResult.fail("maint.check.camera.none", "no " + devices.resolve("video*"))
                    : CheckResult.ok("maint.check.camera.ok", String.join(", ", cameras), cameras.size());
        }
        List<String> microphones = microphones();
        return microphones.isEmpty()
                ? CheckResult.fail("maint.check.microphone.none", "no capture device in " + alsaPcm)
                : CheckResult.ok("maint.check.microphone.ok", String.join(", ", microphones), microphones.size());
    }

    private List<String> cameras() throws IOException {
        if (!Files.isDirectory(devices)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(devices)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.matches("video[0-9]+")).sorted()
                    .map(n -> devices.resolve(n).toString()).toList();
        }
    }

    private List<String> microphones() throws IOException {
        if (!Files.isReadable(alsaPcm)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(alsaPcm, StandardCharsets.UTF_8)) {
            // "00-00: ALC887-VD Analog : ALC887-VD Analog : playback 1 : capture 1"
            if (line.toLowerCase(Locale.ROOT).contains("capture")) {
                String[] parts = line.split(":");
                found.add(parts.length > 1 ? parts[0].strip() + " " + parts[1].strip() : line.strip());
            }
        }
        return found;
    }
}

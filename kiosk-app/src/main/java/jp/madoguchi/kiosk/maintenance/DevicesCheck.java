package jp.madoguchi.kiosk.maintenance;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.DeviceReport.DeviceStatus;
import jp.madoguchi.video.VideoSession;

/** A camera and a microphone exist and open ({@link VideoSession#checkDevices()}, usable while no call runs). */
public final class DevicesCheck implements Check {
    static final Duration LIMIT = Duration.ofSeconds(20);
    private final VideoSession video;

    public DevicesCheck(VideoSession video) {
        this.video = Objects.requireNonNull(video, "video");
    }

    @Override
    public String titleKey() {
        return "maint.check.devices.title";
    }

    @Override
    public CheckResult run() throws InterruptedException {
        DeviceReport report;
        try {
            report = video.checkDevices().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return CheckResult.fail("maint.check.devices.error", String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            return CheckResult.fail("maint.check.devices.error", "no answer within " + LIMIT.toSeconds() + " s");
        }
        String detail = "cameras " + report.cameras() + ", microphones " + report.microphones()
                + (report.detail().isEmpty() ? "" : "; " + report.detail());
        if (report.ready()) {
            return CheckResult.ok("maint.check.devices.ok", detail, report.cameras().size(), report.microphones().size());
        }
        if (report.camera() == DeviceStatus.NOT_FOUND) {
            return CheckResult.fail("maint.check.devices.no_camera", detail);
        }
        if (report.microphone() == DeviceStatus.NOT_FOUND) {
            return CheckResult.fail("maint.check.devices.no_microphone", detail);
        }
        return CheckResult.fail("maint.check.devices.unavailable", detail + " (camera " + report.camera()
                + ", microphone " + report.microphone() + ")");
    }
}

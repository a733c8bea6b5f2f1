package jp.madoguchi.video;

import java.util.List;
import java.util.Objects;

/**
 * The result of a device check before a call: which cameras and microphones exist, and whether one of
 * each could actually be opened. Shown to the resident (in plain words) and on the maintenance screen.
 *
 * @param cameras     the cameras' labels as the browser reports them (may be empty strings before permission)
 * @param microphones the microphones' labels
 * @param camera      whether a camera works
 * @param microphone  whether a microphone works
 * @param detail      the browser's own error name and message when something failed, for IT staff; empty when all works
 */
public record DeviceReport(List<String> cameras, List<String> microphones, DeviceStatus camera,
                           DeviceStatus microphone, String detail) {

    /** One device kind's state. */
    public enum DeviceStatus {
        /** Present, opened and closed again. */
        WORKS,
        /** None connected. */
        NOT_FOUND,
        /** Present, but it could not be opened (in use, not permitted, hardware error). */
        UNAVAILABLE,
        /** Not checked (the check itself could not run). */
        UNKNOWN
    }

    public DeviceReport {
        cameras = List.copyOf(cameras);
        microphones = List.copyOf(microphones);
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(microphone, "microphone");
        detail = detail == null ? "" : detail;
    }

    /** Both a camera and a microphone work. */
    public boolean ready() {
        return camera == DeviceStatus.WORKS && microphone == DeviceStatus.WORKS;
    }

    /** Why a call cannot start with these devices, or {@code null} when it can. */
    public EndReason problem() {
        if (camera == DeviceStatus.NOT_FOUND) {
            return EndReason.CAMERA_NOT_FOUND;
        }
        if (microphone == DeviceStatus.NOT_FOUND) {
            return EndReason.MICROPHONE_NOT_FOUND;
        }
        if (!ready()) {
            return EndReason.DEVICE_UNAVAILABLE;
        }
        return null;
    }
}

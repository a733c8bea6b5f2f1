package jp.madoguchi.kiosk.maintenance;

import java.util.List;
import java.util.Objects;

/**
 * What one check found: a status, a short message key (bundle {@code jp/madoguchi/kiosk/maintenance}) with its
 * arguments, and a technical detail for IT staff (reader names, URLs, the exception). Never personal data.
 */
public record CheckResult(CheckStatus status, String messageKey, List<Object> args, String detail) {
    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(messageKey, "messageKey");
        args = List.copyOf(args);
        detail = detail == null ? "" : detail;
    }

    public static CheckResult ok(String messageKey, String detail, Object... args) {
        return new CheckResult(CheckStatus.OK, messageKey, List.of(args), detail);
    }

    public static CheckResult warn(String messageKey, String detail, Object... args) {
        return new CheckResult(CheckStatus.WARN, messageKey, List.of(args), detail);
    }

    public static CheckResult fail(String messageKey, String detail, Object... args) {
        return new CheckResult(CheckStatus.FAIL, messageKey, List.of(args), detail);
    }
}

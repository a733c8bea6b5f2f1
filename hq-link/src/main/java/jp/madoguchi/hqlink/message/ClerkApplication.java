package jp.madoguchi.hqlink.message;

import java.time.Instant;
import java.util.List;

/** An application as the answering clerk sees it: content, signature and the intake checks. Never logged. */
public record ClerkApplication(String reference, String formId, String canonicalJsonBase64, String cmsBase64,
        ApplicationStatus status, List<Check> checks, Instant receivedAt) {
    public ClerkApplication {
        Require.text(reference, "application", "reference");
        Require.text(formId, "application", "formId");
        Require.text(canonicalJsonBase64, "application", "canonicalJsonBase64");
        Require.text(cmsBase64, "application", "cmsBase64");
        Require.present(status, "application", "status");
        checks = Require.list(checks, "application", "checks");
        Require.present(receivedAt, "application", "receivedAt");
    }

    @Override
    public String toString() {
        return "ClerkApplication[reference=" + reference + ", formId=" + formId + ", status=" + status + ", content=***]";
    }
}

package jp.madoguchi.hqlink.message;

import java.time.Instant;
import java.util.List;

/** The answer to a submission; a resend with the same Idempotency-Key gets the same receipt. */
public record SubmissionReceipt(int v, String reference, ApplicationStatus status, List<Check> checks,
        Instant receivedAt) {
    public SubmissionReceipt {
        Require.version(v, "submission receipt");
        Require.text(reference, "submission receipt", "reference");
        Require.present(status, "submission receipt", "status");
        checks = Require.list(checks, "submission receipt", "checks");
        Require.present(receivedAt, "submission receipt", "receivedAt");
    }

    public SubmissionReceipt(String reference, ApplicationStatus status, List<Check> checks, Instant receivedAt) {
        this(Protocol.VERSION, reference, status, checks, receivedAt);
    }
}

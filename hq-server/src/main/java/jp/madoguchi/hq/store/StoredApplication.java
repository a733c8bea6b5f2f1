package jp.madoguchi.hq.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A stored application. {@code canonicalJson} (personal data) and {@code verificationJson} are
 * left out of {@link #toString()}, which is safe to log; arrays are copied in and out.
 * {@code decisionMessage}, {@code decidedBy} and {@code decidedAt} are null while {@code RECEIVED}.
 */
public record StoredApplication(
        String reference, String boothId, String idempotencyKey, String formId, String routing,
        byte[] canonicalJson, byte[] cms, String verificationJson, ApplicationStatus status,
        String decisionMessage, String decidedBy, Instant createdAt, Instant decidedAt) {

    public StoredApplication {
        canonicalJson = canonicalJson.clone();
        cms = cms.clone();
    }

    @Override
    public byte[] canonicalJson() {
        return canonicalJson.clone();
    }

    @Override
    public byte[] cms() {
        return cms.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredApplication that && reference.equals(that.reference)
                && boothId.equals(that.boothId) && idempotencyKey.equals(that.idempotencyKey)
                && formId.equals(that.formId) && routing.equals(that.routing)
                && Arrays.equals(canonicalJson, that.canonicalJson) && Arrays.equals(cms, that.cms)
                && verificationJson.equals(that.verificationJson) && status == that.status
                && Objects.equals(decisionMessage, that.decisionMessage) && Objects.equals(decidedBy, that.decidedBy)
                && createdAt.equals(that.createdAt) && Objects.equals(decidedAt, that.decidedAt);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return "StoredApplication[reference=" + reference + ", boothId=" + boothId + ", formId=" + formId
                + ", routing=" + routing + ", status=" + status + ", decidedBy=" + decidedBy + ", createdAt="
                + createdAt + ", decidedAt=" + decidedAt + "]";
    }
}

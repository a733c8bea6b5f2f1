package jp.madoguchi.hq.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * An application as a booth submitted it, with headquarters' verification of its signature.
 * {@code canonicalJson} is the signed application (personal data) and {@code cms} its signature;
 * arrays are copied in and out. {@link #toString()} names no content, so it is safe to log.
 *
 * @param idempotencyKey chosen by the booth, the same for every resend of one application
 * @param verificationJson the per-check verification results as JSON text
 */
public record Submission(
        String boothId, String idempotencyKey, String formId, String routing, byte[] canonicalJson, byte[] cms,
        String verificationJson) {

    public Submission {
        Objects.requireNonNull(boothId, "boothId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(formId, "formId");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(verificationJson, "verificationJson");
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > 128) {
            throw new IllegalArgumentException("an idempotency key has 1 to 128 characters");
        }
        canonicalJson = Objects.requireNonNull(canonicalJson, "canonicalJson").clone();
        cms = Objects.requireNonNull(cms, "cms").clone();
    }

    @Override
    public byte[] canonicalJson() {
        return canonicalJson.clone();
    }

    @Override
    public byte[] cms() {
        return cms.clone();
    }

    /** Whether {@code stored} has the same signed content (form, routing, application bytes, signature). */
    boolean sameContentAs(StoredApplication stored) {
        return formId.equals(stored.formId()) && routing.equals(stored.routing())
                && Arrays.equals(canonicalJson, stored.canonicalJson()) && Arrays.equals(cms, stored.cms());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Submission that && boothId.equals(that.boothId)
                && idempotencyKey.equals(that.idempotencyKey) && formId.equals(that.formId)
                && routing.equals(that.routing) && Arrays.equals(canonicalJson, that.canonicalJson)
                && Arrays.equals(cms, that.cms) && verificationJson.equals(that.verificationJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(boothId, idempotencyKey, formId, routing, Arrays.hashCode(canonicalJson));
    }

    @Override
    public String toString() {
        return "Submission[boothId=" + boothId + ", idempotencyKey=" + idempotencyKey + ", formId=" + formId
                + ", routing=" + routing + ", canonicalJson=" + canonicalJson.length + " bytes, cms=" + cms.length
                + " bytes]";
    }
}

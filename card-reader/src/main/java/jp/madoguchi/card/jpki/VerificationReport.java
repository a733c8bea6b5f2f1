package jp.madoguchi.card.jpki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of {@link JpkiSignatureVerifier#verify}: one result per {@link Check}, each with a
 * short reason meant for IT staff and logs. Reasons never contain personal data; the holder's
 * facts are only in {@link #holder()}, and {@link #toString()} prints checks only. Immutable.
 */
public final class VerificationReport {

    /** What was checked, in the order a reader would want it explained. */
    public enum Check {
        /** The CMS signature and the message digest of the content. */
        SIGNATURE,
        /** The ESS signing-certificate-v2 attribute names the certificate that signed. */
        SIGNING_CERTIFICATE,
        /** The signer certificate was signed by one of the configured roots. */
        CHAIN,
        /** The certificate is a JPKI signature certificate (digitalSignature + nonRepudiation). */
        KEY_USAGE,
        /** Signer certificate and root valid at the signing time. */
        VALIDITY,
        /** Not revoked according to a CRL from the same root. */
        REVOCATION
    }

    public enum Status {
        PASSED, FAILED, NOT_CHECKED
    }

    /** One check's result. */
    public record CheckResult(Check check, Status status, String reason) {
        public CheckResult {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return check + " " + status + ": " + reason;
        }
    }

    private final Map<Check, CheckResult> results;
    private final X509Certificate signerCertificate;
    private final byte[] signedContent;
    private final Instant signingTime;
    private final JpkiCertificateInfo holder;

    VerificationReport(Map<Check, CheckResult> results, X509Certificate signerCertificate, byte[] signedContent,
            Instant signingTime, JpkiCertificateInfo holder) {
        EnumMap<Check, CheckResult> all = new EnumMap<>(Check.class);
        for (Check check : Check.values()) {
            all.put(check, results.getOrDefault(check, new CheckResult(check, Status.NOT_CHECKED, "not reached")));
        }
        this.results = Collections.unmodifiableMap(all);
        this.signerCertificate = signerCertificate;
        this.signedContent = signedContent == null ? null : signedContent.clone();
        this.signingTime = signingTime;
        this.holder = holder;
    }

    /**
     * True only if every check passed, except that revocation may be {@code NOT_CHECKED} (no CRL
     * held for the issuing root: headquarters decides whether that is acceptable).
     */
    public boolean valid() {
        return results.values().stream().allMatch(r -> r.status() == Status.PASSED
                || (r.check() == Check.REVOCATION && r.status() == Status.NOT_CHECKED));
    }

    /** Every check, in {@link Check} order. */
    public List<CheckResult> checks() {
        return List.copyOf(results.values());
    }

    public CheckResult result(Check check) {
        return results.get(check);
    }

    public Status status(Check check) {
        return results.get(check).status();
    }

    /** The certificate the signature was verified with, if the CMS named one it also carried. */
    public Optional<X509Certificate> signerCertificate() {
        return Optional.ofNullable(signerCertificate);
    }

    /** The encapsulated content, or the detached content that was given; a copy. */
    public Optional<byte[]> signedContent() {
        return Optional.ofNullable(signedContent).map(byte[]::clone);
    }

    /** The signing-time signed attribute: claimed by the signer, not attested by a third party. */
    public Optional<Instant> signingTime() {
        return Optional.ofNullable(signingTime);
    }

    /** The holder's facts from the signer certificate, if it is a readable JPKI signature certificate. */
    public Optional<JpkiCertificateInfo> holder() {
        return Optional.ofNullable(holder);
    }

    @Override
    public String toString() {
        return "VerificationReport[valid=" + valid() + ", "
                + results.values().stream().map(CheckResult::toString).collect(Collectors.joining("; ")) + "]";
    }
}

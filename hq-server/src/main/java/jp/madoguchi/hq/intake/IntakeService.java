package jp.madoguchi.hq.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.madoguchi.card.jpki.JpkiCertificateInfo;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.card.jpki.VerificationReport;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.StoredApplication;
import jp.madoguchi.hq.store.SubmitResult;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.Check;
import jp.madoguchi.hqlink.message.CheckStatus;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.ProtocolJson;
import jp.madoguchi.hqlink.message.Submission;
import jp.madoguchi.hqlink.message.SubmissionReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application intake: a booth sends the canonical JSON of a filled application and the resident's
 * CMS signature over it. Headquarters checks that the JSON is canonical and names the form it
 * claims, verifies the signature with card-reader's JPKI verifier (chain to the configured roots,
 * key usage, validity, CRL), records the result of every check, and stores the application once
 * per (booth, idempotency key): a resent submission is answered with the very same receipt. The same signed
 * application is stored once whatever its key: the booth that sent it is answered with the first receipt, another
 * booth is refused with {@code 409 replayed} (decision 0032).
 * It also compares the application's {@code applicant} (the basic 4 info the booth read from the
 * card's text AP) with what the signature certificate says about its holder: the {@code card_data}
 * check (decision 0029).
 * Logs and check reasons carry booth ids, reference numbers and field names, never the application's
 * content. Thread-safe.
 */
public final class IntakeService {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
    private static final ObjectMapper JSON = ProtocolJson.newMapper();
    /** The protocol's name of the check that the applicant matches the certificate. */
    static final String CARD_DATA = "card_data";
    private static final String REVOCATION = "revocation";
    /** The checks an application may be verified without deciding (see {@link #status}). */
    private static final Set<String> MAY_BE_INDETERMINATE = Set.of(REVOCATION, CARD_DATA);

    private final Applications applications;
    private final JpkiSignatureVerifier verifier;
    private final Clock clock;

    /** What a submission gave. */
    public sealed interface Result {
        /** Stored (now, or before, for a resubmission); {@code receipt} is what the booth is told. */
        record Received(SubmissionReceipt receipt, boolean resubmission) implements Result {
        }

        /** Not stored; {@code error} is one of hq-link's {@link ErrorCodes}, {@code status} its HTTP status. */
        record Refused(int status, String error, String message) implements Result {
        }
    }

    public IntakeService(Applications applications, JpkiSignatureVerifier verifier, Clock clock) {
        this.applications = applications;
        this.verifier = verifier;
        this.clock = clock;
    }

    public Result submit(String boothId, String idempotencyKey, Submission submission) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
            return new Result.Refused(400, ErrorCodes.BAD_REQUEST, "an Idempotency-Key header of 1 to 128 characters is required");
        }
        // a resent submission gets the answer it got the first time, without verifying again
        var earlier = applications.findByIdempotencyKey(boothId, idempotencyKey);
        byte[] canonical;
        byte[] cms;
        try {
            canonical = Base64.getDecoder().decode(submission.canonicalJsonBase64());
            cms = Base64.getDecoder().decode(submission.cmsBase64());
        } catch (IllegalArgumentException e) {
            return new Result.Refused(400, ErrorCodes.BAD_REQUEST, "canonicalJsonBase64 and cmsBase64 must be base64");
        }
        if (earlier.isPresent()) {
            return sameAsBefore(earlier.get(), submission, canonical, cms);
        }
        String problem = checkApplicationJson(canonical, submission.formId());
        if (problem != null) {
            return new Result.Refused(400, ErrorCodes.BAD_REQUEST, problem);
        }
        String unsigned = unsigned(cms);
        if (unsigned != null) {
            // nobody signed this: a booth never sends it (decision 0032). A CMS that names its signer and carries the
            // signer's certificate but does not verify (altered content) is kept for the clerk, failed (0008).
            LOG.warn("submission from booth {} refused: not signed ({})", boothId, unsigned);
            return new Result.Refused(422, ErrorCodes.UNSIGNED,
                    "the application carries no usable CMS signature (" + unsigned + "); nothing was stored");
        }
        VerificationReport report = verifier.verify(cms, canonical);
        List<Check> checks = checks(report);
        checks.add(cardDataCheck(canonical, report));
        String verificationJson;
        try {
            verificationJson = JSON.writeValueAsString(checks);
        } catch (IOException e) {
            throw new IllegalStateException("check results always serialise", e);
        }
        SubmitResult stored = applications.submitOnce(new jp.madoguchi.hq.store.Submission(boothId, idempotencyKey,
                submission.formId(), submission.routing(), canonical, cms, verificationJson), clock.instant());
        if (stored instanceof SubmitResult.IdempotencyKeyConflict conflict) {
            return new Result.Refused(422, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for another application (" + conflict.existingReference() + ")");
        }
        if (stored instanceof SubmitResult.Replayed) {
            // the other booth's reference is not told: it is not this booth's to know
            return new Result.Refused(409, ErrorCodes.REPLAYED,
                    "this signed application was already received from another booth; it is not stored again");
        }
        SubmitResult.Stored result = (SubmitResult.Stored) stored;
        StoredApplication application = result.application();
        // check names and statuses only: reasons are safe too, but the log line stays short
        LOG.info("application {} from booth {} ({}): {}{}{}", application.reference(), boothId, submission.formId(),
                status(checks) == ApplicationStatus.VERIFIED ? "verified" : "verification failed", notPassed(checks),
                result.resubmission() ? " (resubmission)" : "");
        return new Result.Received(receipt(application), result.resubmission());
    }

    /**
     * Why {@code cms} is no signature at all, or null if it is one: a CMS SignedData (detached or not) with a signer
     * whose certificate it carries. Whether that signature verifies is the verifier's to say. A fixed reason only.
     */
    static String unsigned(byte[] cms) {
        org.bouncycastle.cms.CMSSignedData signed;
        try {
            signed = new org.bouncycastle.cms.CMSSignedData(cms);
        } catch (org.bouncycastle.cms.CMSException | RuntimeException e) {
            return "not a CMS SignedData";
        }
        java.util.Collection<org.bouncycastle.cms.SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            return "no signer";
        }
        for (org.bouncycastle.cms.SignerInformation signer : signers) {
            @SuppressWarnings("unchecked")
            java.util.Collection<?> certificates = signed.getCertificates().getMatches(signer.getSID());
            if (certificates.isEmpty()) {
                return "the signer's certificate is missing";
            }
        }
        return null;
    }

    /**
     * Whether {@code reference} names an application that {@code boothId} submitted: what a booth may
     * refer to (e.g. in a call request), never another booth's application.
     */
    public boolean submittedBy(String boothId, String reference) {
        return applications.findForBooth(boothId, reference).isPresent();
    }

    private Result sameAsBefore(StoredApplication earlier, Submission submission, byte[] canonical, byte[] cms) {
        boolean same = earlier.formId().equals(submission.formId()) && earlier.routing().equals(submission.routing())
                && Arrays.equals(earlier.canonicalJson(), canonical) && Arrays.equals(earlier.cms(), cms);
        if (!same) {
            return new Result.Refused(422, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for another application (" + earlier.reference() + ")");
        }
        LOG.info("application {} resent by booth {}: answered as before", earlier.reference(), earlier.boothId());
        return new Result.Received(receipt(earlier), true);
    }

    /** Null when the bytes are the canonical JSON of an application for {@code formId}; else what is wrong. */
    static String checkApplicationJson(byte[] canonical, String formId) {
        JsonNode tree;
        byte[] again;
        try {
            again = CanonicalJson.canonicalize(canonical);
            tree = JSON.readTree(canonical);
        } catch (IOException | IllegalArgumentException e) {
            return "the application is not valid canonical JSON";
        }
        if (!Arrays.equals(again, canonical)) {
            return "the application JSON is not in canonical form (see forms/CANONICAL-JSON.md)";
        }
        if (!CanonicalJson.SCHEMA.equals(tree.path("schema").asText())) {
            return "the application JSON is not a " + CanonicalJson.SCHEMA + " document";
        }
        if (!formId.equals(tree.path("form").path("id").asText())) {
            return "the application JSON is for another form than formId says";
        }
        return null;
    }

    private static SubmissionReceipt receipt(StoredApplication application) {
        List<Check> checks = storedChecks(application);
        return new SubmissionReceipt(application.reference(), status(checks), checks, application.createdAt());
    }

    /** The per-check results recorded when the application was received. */
    public static List<Check> storedChecks(StoredApplication application) {
        try {
            return JSON.readValue(application.verificationJson(), new TypeReference<List<Check>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("stored check results are unreadable for " + application.reference(), e);
        }
    }

    /**
     * Verified when every check passed, except that two checks may be indeterminate:
     * <ul>
     *   <li>{@code revocation}, when no CRL is held for the certificate's root (decision 0008);</li>
     *   <li>{@code card_data}, when there was nothing to compare: an application built without card
     *       data carries no {@code applicant}, or the certificate's holder facts could not be read.
     *       Neither is evidence that the applicant was changed (a CMS whose certificate cannot be read
     *       already fails the {@code signature} check), so, as with revocation, the clerk sees the
     *       undecided badge and judges (decision 0029).</li>
     * </ul>
     * A failed {@code card_data} (the signed applicant differs from the certificate) fails the
     * application. Applications stored before {@code card_data} existed have no such check and are
     * judged by the checks they have. The booth's receipt and the clerk's view say the same.
     */
    public static ApplicationStatus status(List<Check> checks) {
        boolean valid = checks.stream().allMatch(c -> c.status() == CheckStatus.PASSED
                || c.status() == CheckStatus.INDETERMINATE && MAY_BE_INDETERMINATE.contains(c.check()));
        return valid ? ApplicationStatus.VERIFIED : ApplicationStatus.VERIFICATION_FAILED;
    }

    /** " (card_data failed, revocation indeterminate)", or "" when every check passed: names only. */
    private static String notPassed(List<Check> checks) {
        String list = checks.stream().filter(c -> c.status() != CheckStatus.PASSED)
                .map(c -> c.check() + " " + c.status().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return list.isEmpty() ? "" : " (" + list + ")";
    }

    /**
     * The {@code card_data} check: whether the application's {@code applicant} (name, address,
     * birth date, sex and the substituted positions, as forms' {@link CanonicalJson} writes them)
     * states the same facts as the signature certificate's holder ({@link JpkiCertificateInfo}).
     * Strings are compared exactly, code point for code point, as the card stores them (no Unicode
     * normalisation: the booth copies the card's text, so any difference is a change); the birth
     * date as a calendar date (ISO in the JSON, {@code EYYYYMMDD} in the certificate; the era digit
     * is not in the JSON and not compared); sex as its ISO 5218 code. A member that is missing or of
     * the wrong type counts as differing. The reason names the fields that differ, never a value.
     */
    static Check cardDataCheck(byte[] canonical, VerificationReport report) {
        JsonNode applicant;
        try {
            applicant = JSON.readTree(canonical).path("applicant");
        } catch (IOException e) {
            throw new IllegalStateException("the application JSON was checked before", e);
        }
        if (applicant.isMissingNode() || applicant.isNull()) {
            return new Check(CARD_DATA, CheckStatus.INDETERMINATE,
                    "the application carries no applicant card data to compare with the signature certificate");
        }
        Optional<JpkiCertificateInfo> holder = report.holder();
        if (holder.isEmpty()) {
            return new Check(CARD_DATA, CheckStatus.INDETERMINATE, report.signerCertificate().isEmpty()
                    ? "the signature certificate could not be read from the signature, so the applicant cannot be compared with it"
                    : "the signature certificate states no readable holder facts, so the applicant cannot be compared with it");
        }
        List<String> differ = differingFields(applicant, holder.get());
        if (differ.isEmpty()) {
            return new Check(CARD_DATA, CheckStatus.PASSED, "applicant matches the signature certificate");
        }
        boolean singular = differ.size() == 1 && !differ.get(0).endsWith(" flags");
        return new Check(CARD_DATA, CheckStatus.FAILED, String.join(", ", differ)
                + (singular ? " differs" : " differ") + " from the signature certificate");
    }

    /** Names of the applicant's fields that do not state what the certificate states, in a fixed order. */
    private static List<String> differingFields(JsonNode applicant, JpkiCertificateInfo holder) {
        List<String> differ = new ArrayList<>();
        if (!sameText(applicant.path("name"), holder.name())) {
            differ.add("name");
        }
        if (!sameText(applicant.path("address"), holder.address())) {
            differ.add("address");
        }
        if (!holder.birthDate().equals(isoDate(applicant.path("birthDate")))) {
            differ.add("birth date");
        }
        if (!sameText(applicant.path("sex"), String.valueOf(holder.sex().code()))) {
            differ.add("sex");
        }
        if (!holder.nameSubstitutedPositions().equals(positions(applicant.path("nameSubstituted")))) {
            differ.add("name substitution flags");
        }
        if (!holder.addressSubstitutedPositions().equals(positions(applicant.path("addressSubstituted")))) {
            differ.add("address substitution flags");
        }
        return differ;
    }

    private static boolean sameText(JsonNode node, String expected) {
        return node.isTextual() && node.textValue().equals(expected);
    }

    /** The ISO date a text node holds, or null when it is not one. */
    private static LocalDate isoDate(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The integers of an array node, or null when it is not an array of integers. */
    private static List<Integer> positions(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        List<Integer> positions = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isInt()) {
                return null;
            }
            positions.add(element.intValue());
        }
        return positions;
    }

    /** The verifier's report in the protocol's terms (check names in snake case; not checked = indeterminate). */
    static List<Check> checks(VerificationReport report) {
        List<Check> checks = new ArrayList<>();
        for (VerificationReport.CheckResult r : report.checks()) {
            CheckStatus status = switch (r.status()) {
                case PASSED -> CheckStatus.PASSED;
                case FAILED -> CheckStatus.FAILED;
                case NOT_CHECKED -> CheckStatus.INDETERMINATE;
            };
            checks.add(new Check(r.check().name().toLowerCase(Locale.ROOT), status, r.reason()));
        }
        return checks;
    }
}

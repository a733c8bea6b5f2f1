package jp.madoguchi.hq.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
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
 * per (booth, idempotency key): a resent submission is answered with the very same receipt.
 * Logs carry booth ids and reference numbers, never the application's content. Thread-safe.
 */
public final class IntakeService {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
    private static final ObjectMapper JSON = ProtocolJson.newMapper();

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
        VerificationReport report = verifier.verify(cms, canonical);
        List<Check> checks = checks(report);
        String verificationJson;
        try {
            verificationJson = JSON.writeValueAsString(checks);
        } catch (IOException e) {
            throw new IllegalStateException("check results always serialise", e);
        }
        SubmitResult stored = applications.submit(new jp.madoguchi.hq.store.Submission(boothId, idempotencyKey,
                submission.formId(), submission.routing(), canonical, cms, verificationJson), clock.instant());
        if (stored instanceof SubmitResult.IdempotencyKeyConflict conflict) {
            return new Result.Refused(422, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for another application (" + conflict.existingReference() + ")");
        }
        SubmitResult.Stored result = (SubmitResult.Stored) stored;
        StoredApplication application = result.application();
        LOG.info("application {} from booth {} ({}): {}{}", application.reference(), boothId, submission.formId(),
                report.valid() ? "verified" : "verification failed", result.resubmission() ? " (resubmission)" : "");
        return new Result.Received(receipt(application), result.resubmission());
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
     * Verified when every check passed, or all but revocation did and revocation could not be
     * decided (no CRL held for that root): decision 0008. The booth's receipt and the clerk's view
     * say the same.
     */
    public static ApplicationStatus status(List<Check> checks) {
        boolean valid = checks.stream().allMatch(c -> c.status() == CheckStatus.PASSED
                || c.status() == CheckStatus.INDETERMINATE && c.check().equals("revocation"));
        return valid ? ApplicationStatus.VERIFIED : ApplicationStatus.VERIFICATION_FAILED;
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
            checks.add(new Check(r.check().name().toLowerCase(java.util.Locale.ROOT), status, r.reason()));
        }
        return checks;
    }
}

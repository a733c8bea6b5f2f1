package jp.madoguchi.hq.enrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jp.madoguchi.hq.security.BadCsrException;
import jp.madoguchi.hq.security.DeviceCa;
import jp.madoguchi.hq.security.EnrolmentCodes;
import jp.madoguchi.hq.security.IssuedDevice;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.EnrolmentCode;
import jp.madoguchi.hqlink.message.EnrolResponse;
import jp.madoguchi.hqlink.message.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Booth enrolment: IT staff create a one-time code; a booth presents it with a CSR for a key it
 * generated itself, and gets a device certificate. The code works once and expires; only its hash
 * is stored. The certificate is issued before the code is consumed (a bad CSR must not burn the
 * code), and is handed out only if the code is consumed by this very request. Thread-safe.
 */
public final class EnrolmentService {
    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentService.class);

    private final DeviceCa ca;
    private final jp.madoguchi.hq.store.EnrolmentCodes codes;
    private final Booths booths;
    private final Clock clock;
    private final Duration certificateValidity;

    /** What an enrolment attempt gave. */
    public sealed interface Result {
        record Enrolled(EnrolResponse response) implements Result {
        }

        /** Refused; {@code error} is one of hq-link's {@link ErrorCodes}, {@code status} its HTTP status. */
        record Refused(int status, String error, String message) implements Result {
        }
    }

    public EnrolmentService(DeviceCa ca, jp.madoguchi.hq.store.EnrolmentCodes codes, Booths booths, Clock clock,
            Duration certificateValidity) {
        this.ca = ca;
        this.codes = codes;
        this.booths = booths;
        this.clock = clock;
        this.certificateValidity = certificateValidity;
    }

    /**
     * A new one-time code for a booth, valid for {@code ttl}. The code itself is returned once, to
     * show the person who asked; only its hash is kept.
     */
    public String createCode(String boothName, Duration ttl, String createdBy) {
        return issueCode(boothName, "", ttl, createdBy).code();
    }

    /** A new one-time code and when it expires, as {@link #createCode} but with the booth's {@code location}. */
    public IssuedCode issueCode(String boothName, String location, Duration ttl, String createdBy) {
        String code = EnrolmentCodes.generate();
        EnrolmentCode stored = codes.create(EnrolmentCodes.hash(code), boothName, location, clock.instant().plus(ttl),
                createdBy);
        LOG.info("enrolment code created for booth name '{}' by {}, expires in {}", boothName, createdBy, ttl);
        return new IssuedCode(code, stored.expiresAt());
    }

    /** A code to show once to the person who asked for it, and its expiry. */
    public record IssuedCode(String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedCode[code=***, expiresAt=" + expiresAt + "]";
        }
    }

    public Result enrol(String code, String boothName, String csrPem) {
        if (!EnrolmentCodes.isWellFormed(code)) {
            return new Result.Refused(404, ErrorCodes.CODE_UNKNOWN, "no such enrolment code");
        }
        String hash = EnrolmentCodes.hash(code);
        String boothId = Booths.newBoothId();
        IssuedDevice issued;
        try {
            issued = ca.issueFromCsr(csrPem, boothId, certificateValidity);
        } catch (BadCsrException e) {
            return new Result.Refused(400, ErrorCodes.BAD_CSR, e.getMessage());
        }
        Instant now = clock.instant();
        Optional<EnrolmentCode> consumed = codes.consume(hash, now);
        if (consumed.isEmpty()) {
            Optional<EnrolmentCode> known = codes.find(hash);
            if (known.isEmpty()) {
                return new Result.Refused(404, ErrorCodes.CODE_UNKNOWN, "no such enrolment code");
            }
            if (known.get().usedAt() != null) {
                return new Result.Refused(409, ErrorCodes.CODE_USED, "this enrolment code was already used");
            }
            return new Result.Refused(410, ErrorCodes.CODE_EXPIRED, "this enrolment code has expired: ask for a new one");
        }
        String name = boothName == null || boothName.isBlank() ? consumed.get().boothName() : boothName;
        booths.add(boothId, name, consumed.get().location(), issued.serial(), issued.certificatePem(), now);
        LOG.info("booth {} enrolled (certificate serial {}, valid until {})", boothId, issued.serial().toString(16),
                issued.notAfter());
        return new Result.Enrolled(new EnrolResponse(boothId, issued.certificatePem(), ca.certificatePem(),
                ca.certificatePem(), name));
    }
}

package jp.madoguchi.hq.store;

import java.time.Instant;

/** A stored enrolment code: only its hash, never the code. {@code usedAt} is null until consumed. */
public record EnrolmentCode(
        String codeHash, String boothName, String createdBy, Instant createdAt, Instant expiresAt, Instant usedAt) {
}

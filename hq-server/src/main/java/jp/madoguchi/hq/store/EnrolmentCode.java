package jp.madoguchi.hq.store;

import java.time.Instant;

/**
 * A stored enrolment code: only its hash, never the code. {@code usedAt} is null until consumed; {@code location}
 * ("" for none) goes to the booth enrolled with it.
 */
public record EnrolmentCode(
        String codeHash, String boothName, String createdBy, Instant createdAt, Instant expiresAt, Instant usedAt,
        String location) {

    public EnrolmentCode {
        location = location == null ? "" : location;
    }

    public EnrolmentCode(String codeHash, String boothName, String createdBy, Instant createdAt, Instant expiresAt,
            Instant usedAt) {
        this(codeHash, boothName, createdBy, createdAt, expiresAt, usedAt, "");
    }
}

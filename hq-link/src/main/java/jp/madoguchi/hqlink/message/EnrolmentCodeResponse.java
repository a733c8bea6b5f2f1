package jp.madoguchi.hqlink.message;

import java.time.Instant;

/** A new one-time enrolment code, shown once to the admin who asked; usable until {@code expiresAt}. */
public record EnrolmentCodeResponse(int v, String code, Instant expiresAt) {
    public EnrolmentCodeResponse {
        Require.version(v, "enrolment code response");
        Require.text(code, "enrolment code response", "code");
        Require.present(expiresAt, "enrolment code response", "expiresAt");
    }

    public EnrolmentCodeResponse(String code, Instant expiresAt) {
        this(Protocol.VERSION, code, expiresAt);
    }

    /** The code is a one-time secret: it is not shown in logs. */
    @Override
    public String toString() {
        return "EnrolmentCodeResponse[v=" + v + ", code=***, expiresAt=" + expiresAt + "]";
    }
}

package jp.madoguchi.hq.store;

import java.math.BigInteger;
import java.time.Instant;

/** An enrolled booth and its device certificate. {@code revokedAt} is null while the booth is trusted. */
public record Booth(
        String id, String name, BigInteger certificateSerial, String certificatePem, Instant enrolledAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}

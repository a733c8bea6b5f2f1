package jp.madoguchi.hq.store;

import java.math.BigInteger;
import java.time.Instant;

/**
 * An enrolled booth and its device certificate. {@code revokedAt} is null while the booth is trusted;
 * {@code location} is where it stands ("" when not told).
 */
public record Booth(
        String id, String name, BigInteger certificateSerial, String certificatePem, Instant enrolledAt,
        Instant revokedAt, String location) {

    public Booth {
        location = location == null ? "" : location;
    }

    /** A booth without a location. */
    public Booth(String id, String name, BigInteger certificateSerial, String certificatePem, Instant enrolledAt,
            Instant revokedAt) {
        this(id, name, certificateSerial, certificatePem, enrolledAt, revokedAt, "");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}

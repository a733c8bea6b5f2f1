package jp.madoguchi.hq.security;

import java.math.BigInteger;

/**
 * Whether a booth's device certificate (by serial number) has been revoked. The TLS layer asks on
 * every request and WebSocket upgrade, so a revoked booth is refused at once, without waiting for
 * a CRL. Implementations must be fast and thread-safe.
 */
@FunctionalInterface
public interface BoothRevocations {
    boolean isRevoked(BigInteger certificateSerial);
}

package jp.madoguchi.hq.security;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A device certificate just issued to a booth: what to send back to it ({@link #certificatePem()}, plus the CA
 * certificate) and what to record for revocation ({@link #serial()}) and renewal ({@link #notAfter()}).
 */
public record IssuedDevice(String boothId, X509Certificate certificate, String certificatePem, BigInteger serial,
        Instant notAfter) {
    public IssuedDevice {
        Objects.requireNonNull(boothId, "boothId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}

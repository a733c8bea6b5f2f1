package jp.madoguchi.hqlink.message;

/**
 * The answer to a successful enrolment: the booth's id, its device certificate, the device CA that
 * issued it, and optionally the CA of headquarters' TLS server certificate if it differs from the one
 * the booth enrolled against; {@code boothName} is the name headquarters recorded (added later: null from an older
 * headquarters).
 */
public record EnrolResponse(int v, String boothId, String certificatePem, String caCertificatePem,
        String hqCaCertificatePem, String boothName) {
    public EnrolResponse {
        Require.version(v, "enrol response");
        Require.text(boothId, "enrol response", "boothId");
        Require.text(certificatePem, "enrol response", "certificatePem");
        Require.text(caCertificatePem, "enrol response", "caCertificatePem");
    }

    public EnrolResponse(String boothId, String certificatePem, String caCertificatePem, String hqCaCertificatePem) {
        this(Protocol.VERSION, boothId, certificatePem, caCertificatePem, hqCaCertificatePem, null);
    }

    public EnrolResponse(String boothId, String certificatePem, String caCertificatePem, String hqCaCertificatePem,
            String boothName) {
        this(Protocol.VERSION, boothId, certificatePem, caCertificatePem, hqCaCertificatePem, boothName);
    }
}

package jp.madoguchi.card.jpki;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes certificate and CMS reading (issue 9, docs/decisions/0031-fuzzing.md): {@link JpkiCertificateInfo#parse}
 * on whatever the JDK reads as a certificate (only {@link java.security.cert.CertificateParsingException} may
 * escape) and {@link JpkiSignatureVerifier#verify} on arbitrary bytes (never throws, always a report).
 * The roots are the test authority's CAs that signed the seeds ({@code fuzz-roots.pem}), so seeds reach the
 * signature and chain checks. Without {@code JAZZER_FUZZ=1} this runs the seeds under {@code JpkiFuzzTestInputs/}.
 */
class JpkiFuzzTest {
    private static final List<String> PROGRAMMING_ERRORS = List.of("NullPointerException", "ClassCastException",
            "ArrayIndexOutOfBoundsException", "IndexOutOfBoundsException", "StringIndexOutOfBoundsException",
            "NegativeArraySizeException", "ArithmeticException", "UnsupportedOperationException");
    private static final JpkiSignatureVerifier VERIFIER = new JpkiSignatureVerifier(roots(), List.of(),
            Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "30s")
    void certificateInfo(@NotNull @WithLength(max = 4096) byte[] input) throws Exception {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(input));
        } catch (CertificateException | IllegalArgumentException notACertificate) {
            return;
        }
        try {
            assertNotNull(JpkiCertificateInfo.parse(certificate));
        } catch (java.security.cert.CertificateParsingException expected) {
            // not a JPKI signature certificate
        }
    }

    @FuzzTest(maxDuration = "30s")
    void verifyCms(@NotNull @WithLength(max = 8192) byte[] input) {
        VerificationReport report = VERIFIER.verify(input, null);
        assertNotNull(report);
        report.toString();
        // verify's last line of defence turns any RuntimeException into "unreadable CMS (ExceptionName)": right for
        // a booth, but a programming error landing there is still a finding.
        for (VerificationReport.CheckResult result : report.checks()) {
            String reason = String.valueOf(result.reason());
            for (String error : PROGRAMMING_ERRORS) {
                if (reason.contains("(" + error + ")")) {
                    throw new AssertionError("verify caught a " + error + ": " + reason);
                }
            }
        }
    }

    private static List<X509Certificate> roots() {
        try (InputStream in = JpkiFuzzTest.class.getResourceAsStream("fuzz-roots.pem")) {
            List<X509Certificate> roots = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                roots.add((X509Certificate) certificate);
            }
            return roots;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}

package jp.madoguchi.card.jpki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jp.madoguchi.card.jpki.VerificationReport.Check;
import jp.madoguchi.card.jpki.VerificationReport.CheckResult;
import jp.madoguchi.card.jpki.VerificationReport.Status;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessable;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks a CMS signature made with a My Number card's signature key, the way headquarters
 * receives it from the booth.
 *
 * <p>JPKI is a two-level hierarchy (root CA → holder certificate), so the chain is built by hand:
 * the issuing root is the configured root whose <em>key</em> verifies the holder certificate,
 * because several root generations share one DN and a name lookup would pick the wrong one.
 * The same applies to CRLs: a CRL counts for a root only if that root's key signed it.
 *
 * <p>The signing time is the signer's own claim (CAdES-BES has no time-stamp). It decides which
 * validity period applies, but a revocation on the CRL fails the signature whatever the claimed
 * signing time, since a holder whose card was stolen cannot stop the thief from back-dating.
 *
 * <p>Choices where JPKI leaves room:
 * <ul>
 *   <li>Exactly one signer; a booth signs once per document.</li>
 *   <li>Message digests SHA-256, SHA-384 or SHA-512 only; the card could sign SHA-1, which no
 *       longer protects against collisions.</li>
 *   <li>Without a signing-time attribute, validity is judged at the verifier's "now".</li>
 *   <li>Only the newest CRL (by thisUpdate) from the issuing root counts. If that CRL is past its
 *       nextUpdate, revocation FAILS rather than passing quietly: a relying party that stopped
 *       fetching CRLs should notice. No CRL at all is NOT_CHECKED, which {@link
 *       VerificationReport#valid()} accepts.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class JpkiSignatureVerifier {
    /** How far a signing time may run ahead of our clock before it is called a lie. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private static final Set<String> CERTIFICATE_EXTENSIONS = Set.of(".pem", ".cer", ".der", ".crt");
    private static final String CRL_EXTENSION = ".crl";
    private static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_NON_REPUDIATION = 1;
    private static final int KU_KEY_CERT_SIGN = 5;
    private static final int KU_CRL_SIGN = 6;

    private final List<X509Certificate> roots;
    private final List<X509CRL> crls;
    private final Clock clock;

    /**
     * @param roots trusted JPKI root CAs (every generation that may still have valid holders)
     * @param crls  CRLs held for those roots; may be empty, then revocation is NOT_CHECKED
     * @param clock "now" for validity without a signing time, future signing times and CRL freshness
     */
    public JpkiSignatureVerifier(List<X509Certificate> roots, List<X509CRL> crls, Clock clock) {
        this.roots = List.copyOf(Objects.requireNonNull(roots, "roots"));
        this.crls = List.copyOf(Objects.requireNonNull(crls, "crls"));
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.roots.isEmpty()) {
            throw new IllegalArgumentException("at least one root certificate is needed");
        }
    }

    /** Roots and CRLs from {@code rootsDir}, with the system clock. */
    public static JpkiSignatureVerifier fromDirectory(Path rootsDir) throws IOException {
        return fromDirectory(rootsDir, Clock.systemUTC());
    }

    /**
     * Loads every certificate in a {@code .pem}, {@code .cer}, {@code .der} or {@code .crt} file
     * (PEM or DER, several per file allowed) and every CRL in a {@code .crl} file directly in
     * {@code rootsDir}. A listed file that holds none, or something unreadable, is an error rather
     * than skipped: a private key or a broken download in a trust directory needs a person to look.
     */
    public static JpkiSignatureVerifier fromDirectory(Path rootsDir, Clock clock) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(rootsDir)) {
            for (Path file : listing) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        files.sort(Comparator.comparing(Path::toString));

        List<X509Certificate> roots = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 is not available", e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
            if (CERTIFICATE_EXTENSIONS.contains(extension)) {
                roots.addAll(readCertificates(factory, file));
            } else if (CRL_EXTENSION.equals(extension)) {
                crls.addAll(readCrls(factory, file));
            }
        }
        if (roots.isEmpty()) {
            throw new IOException("no root certificate found in " + rootsDir);
        }
        return new JpkiSignatureVerifier(roots, crls, clock);
    }

    private static List<X509Certificate> readCertificates(CertificateFactory factory, Path file) throws IOException {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(file)) {
            read = factory.generateCertificates(in);
        } catch (CertificateException | RuntimeException e) {
            throw new IOException(file + " does not hold readable certificates", e);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate certificate : read) {
            if (certificate instanceof X509Certificate x509) {
                out.add(x509);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(file + " holds no X.509 certificate");
        }
        return out;
    }

    private static List<X509CRL> readCrls(CertificateFactory factory, Path file) throws IOException {
        Collection<? extends CRL> read;
        try (InputStream in = Files.newInputStream(file)) {
            read = factory.generateCRLs(in);
        } catch (CRLException | RuntimeException e) {
            throw new IOException(file + " does not hold a readable CRL", e);
        }
        List<X509CRL> out = new ArrayList<>();
        for (CRL crl : read) {
            if (crl instanceof X509CRL x509) {
                out.add(x509);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(file + " holds no X.509 CRL");
        }
        return out;
    }

    /**
     * Verifies a DER CMS SignedData with exactly one signer. Never throws for bad input: anything
     * unreadable comes back as SIGNATURE FAILED with a reason.
     *
     * @param cms                    the CMS as received
     * @param detachedContentOrNull  the content for a detached signature; for an encapsulating one
     *                               it may be given too, and must then be identical
     */
    public VerificationReport verify(byte[] cms, byte[] detachedContentOrNull) {
        Run run = new Run();
        try {
            run.verify(cms, detachedContentOrNull);
        } catch (RuntimeException e) {
            // A last line of defence against parser surprises in malformed input.
            run.fail(Check.SIGNATURE, "unreadable CMS (" + e.getClass().getSimpleName() + ")");
        }
        return run.report();
    }

    /** The state of one verification; the verifier itself stays immutable. */
    private final class Run {
        private final Map<Check, CheckResult> results = new EnumMap<>(Check.class);
        private X509Certificate signer;
        private byte[] content;
        private Instant signingTime;
        private JpkiCertificateInfo holder;

        void verify(byte[] cms, byte[] detached) {
            if (cms == null || cms.length == 0) {
                fail(Check.SIGNATURE, "no CMS data");
                return;
            }
            CMSSignedData signedData = parse(cms, detached);
            if (signedData == null) {
                return;
            }
            Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                fail(Check.SIGNATURE, signers.isEmpty() ? "the CMS has no signer"
                        : "the CMS has " + signers.size() + " signers; exactly one is expected");
                return;
            }
            SignerInformation signerInfo = signers.iterator().next();
            signer = signerCertificate(signedData, signerInfo);
            if (signer == null) {
                return;
            }
            holder = holderOf(signer);

            checkSignature(signerInfo);
            checkSigningCertificate(signerInfo);
            boolean signingTimeReadable = readSigningTime(signerInfo);
            X509Certificate root = checkChain();
            checkKeyUsage();
            checkValidity(root, signingTimeReadable);
            checkRevocation(root);
        }

        /** The SignedData with its content attached, or null after recording why not. */
        private CMSSignedData parse(byte[] cms, byte[] detached) {
            CMSSignedData parsed;
            int trailing = bytesAfterOuterElement(cms);
            if (trailing != 0) {
                // what is stored must be exactly what was signed: no bytes smuggled after the structure
                fail(Check.SIGNATURE, trailing < 0 ? "not a DER CMS SignedData structure"
                        : trailing + " byte(s) after the end of the CMS structure");
                return null;
            }
            try {
                parsed = new CMSSignedData(cms);
            } catch (CMSException | RuntimeException e) {
                fail(Check.SIGNATURE, "not a DER CMS SignedData structure");
                return null;
            }
            CMSTypedData encapsulated = parsed.getSignedContent();
            byte[] inside = encapsulated == null ? null : bytesOf(encapsulated);
            if (inside != null && detached != null && !Arrays.equals(inside, detached)) {
                fail(Check.SIGNATURE, "the content given separately differs from the encapsulated content");
                return null;
            }
            if (inside == null && detached == null) {
                fail(Check.SIGNATURE, "detached signature, but no content was given to check it against");
                return null;
            }
            if (inside != null) {
                content = inside;
                return readable(parsed);
            }
            content = detached.clone();
            try {
                return readable(new CMSSignedData(new CMSProcessableByteArray(content), cms));
            } catch (CMSException | RuntimeException e) {
                fail(Check.SIGNATURE, "not a DER CMS SignedData structure");
                return null;
            }
        }

        /**
         * The SignedData if the parts Bouncy Castle decodes only when first asked (signer infos, their
         * attributes, the certificates) decode too; else null after recording why. Without this, a malformed
         * attribute (a value that is not a SET, found by JpkiFuzzTest, issue 9) surfaced later as a
         * ClassCastException caught by {@link #verify}'s last line of defence.
         */
        private CMSSignedData readable(CMSSignedData parsed) {
            try {
                for (SignerInformation info : parsed.getSignerInfos().getSigners()) {
                    info.getSignedAttributes();
                    info.getUnsignedAttributes();
                }
                parsed.getCertificates().getMatches(null);
                return parsed;
            } catch (RuntimeException e) {
                fail(Check.SIGNATURE, "not a DER CMS SignedData structure");
                return null;
            }
        }

        /**
         * Bytes after the outer ASN.1 element (DER, or BER with indefinite lengths as some
         * producers write), or -1 when the input does not start with a complete element.
         */
        private int bytesAfterOuterElement(byte[] cms) {
            if (cms == null || cms.length == 0) {
                return -1;
            }
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(cms);
            try (org.bouncycastle.asn1.ASN1InputStream asn1 = new org.bouncycastle.asn1.ASN1InputStream(in, cms.length)) {
                return asn1.readObject() == null ? -1 : in.available();
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }

        private byte[] bytesOf(CMSProcessable processable) {
            Object value = processable.getContent();
            if (!(value instanceof byte[] bytes)) {
                throw new IllegalArgumentException("encapsulated content is not octets");
            }
            return bytes.clone();
        }

        private X509Certificate signerCertificate(CMSSignedData signedData, SignerInformation signerInfo) {
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signedData.getCertificates().getMatches(signerInfo.getSID());
            if (matches.isEmpty()) {
                fail(Check.SIGNATURE, "the CMS does not carry the signer's certificate");
                return null;
            }
            if (matches.size() > 1) {
                fail(Check.SIGNATURE, "the CMS carries several certificates matching the signer identifier");
                return null;
            }
            try {
                return new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            } catch (CertificateException e) {
                fail(Check.SIGNATURE, "the signer's certificate is unreadable");
                return null;
            }
        }

        private JpkiCertificateInfo holderOf(X509Certificate certificate) {
            try {
                return JpkiCertificateInfo.parse(certificate);
            } catch (CertificateParsingException e) {
                return null;
            }
        }

        private void checkSignature(SignerInformation signerInfo) {
            if (!ACCEPTED_DIGESTS.contains(signerInfo.getDigestAlgorithmID().getAlgorithm())) {
                fail(Check.SIGNATURE, "digest algorithm " + signerInfo.getDigestAlgOID() + " is not accepted");
                return;
            }
            try {
                // Built from the public key, not the certificate: Bouncy Castle would otherwise
                // also judge the certificate's validity, which is VALIDITY's job.
                boolean verified = signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer.getPublicKey()));
                if (verified) {
                    pass(Check.SIGNATURE, "signature and message digest verify");
                } else {
                    fail(Check.SIGNATURE, "the signature does not verify with the signer certificate's key");
                }
            } catch (CMSSignerDigestMismatchException e) {
                fail(Check.SIGNATURE, "the content does not match the signed message digest");
            } catch (CMSException e) {
                fail(Check.SIGNATURE, "the signature is malformed: " + e.getMessage());
            } catch (OperatorCreationException e) {
                fail(Check.SIGNATURE, "the signer's key or algorithm is not supported");
            }
        }

        private void checkSigningCertificate(SignerInformation signerInfo) {
            AttributeTable attributes = signerInfo.getSignedAttributes();
            if (attributes == null) {
                fail(Check.SIGNING_CERTIFICATE, "no signed attributes");
                return;
            }
            ASN1EncodableVector found = attributes.getAll(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (found.size() != 1) {
                fail(Check.SIGNING_CERTIFICATE, found.size() == 0 ? "no ESS signing-certificate-v2 attribute"
                        : "more than one ESS signing-certificate-v2 attribute");
                return;
            }
            try {
                Attribute attribute = Attribute.getInstance(found.get(0));
                if (attribute.getAttrValues().size() != 1) {
                    fail(Check.SIGNING_CERTIFICATE, "signing-certificate-v2 must have exactly one value");
                    return;
                }
                // getInstance gives null, not an exception, for a value that is not a SEQUENCE (JpkiFuzzTest)
                SigningCertificateV2 value = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0));
                if (value == null) {
                    fail(Check.SIGNING_CERTIFICATE, "signing-certificate-v2 attribute is malformed");
                    return;
                }
                ESSCertIDv2[] ids = value.getCerts();
                if (ids.length == 0) {
                    fail(Check.SIGNING_CERTIFICATE, "signing-certificate-v2 lists no certificate");
                    return;
                }
                // RFC 5035: the first ESSCertIDv2 identifies the signing certificate.
                ESSCertIDv2 id = ids[0];
                String hashName = hashName(id.getHashAlgorithm().getAlgorithm());
                if (hashName == null) {
                    fail(Check.SIGNING_CERTIFICATE, "certificate hash algorithm "
                            + id.getHashAlgorithm().getAlgorithm() + " is not accepted");
                    return;
                }
                byte[] actual = MessageDigest.getInstance(hashName).digest(signer.getEncoded());
                if (!MessageDigest.isEqual(actual, id.getCertHash())) {
                    fail(Check.SIGNING_CERTIFICATE, "the attribute names a different certificate than the one that signed");
                    return;
                }
                if (id.getIssuerSerial() != null && !matches(id.getIssuerSerial(), signer)) {
                    fail(Check.SIGNING_CERTIFICATE, "the attribute's issuer and serial differ from the signer certificate's");
                    return;
                }
                pass(Check.SIGNING_CERTIFICATE, "signing-certificate-v2 names the signer certificate (" + hashName + ")");
            } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException | ClassCastException
                    | IndexOutOfBoundsException e) {
                // ClassCast, IndexOutOfBounds: Bouncy Castle's ESS classes on a SEQUENCE of the wrong shape
                fail(Check.SIGNING_CERTIFICATE, "signing-certificate-v2 attribute is malformed");
            }
        }

        private String hashName(ASN1ObjectIdentifier oid) {
            if (NISTObjectIdentifiers.id_sha256.equals(oid)) {
                return "SHA-256";
            }
            if (NISTObjectIdentifiers.id_sha384.equals(oid)) {
                return "SHA-384";
            }
            if (NISTObjectIdentifiers.id_sha512.equals(oid)) {
                return "SHA-512";
            }
            return null;
        }

        private boolean matches(IssuerSerial issuerSerial, X509Certificate certificate) {
            if (!issuerSerial.getSerial().getValue().equals(certificate.getSerialNumber())) {
                return false;
            }
            X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
            for (GeneralName name : issuerSerial.getIssuer().getNames()) {
                if (name.getTagNo() == GeneralName.directoryName && X500Name.getInstance(name.getName()).equals(issuer)) {
                    return true;
                }
            }
            return false;
        }

        /** Reads the signing-time attribute; false if present but unreadable. */
        private boolean readSigningTime(SignerInformation signerInfo) {
            AttributeTable attributes = signerInfo.getSignedAttributes();
            if (attributes == null) {
                return true;
            }
            ASN1EncodableVector found = attributes.getAll(CMSAttributes.signingTime);
            if (found.size() == 0) {
                return true;
            }
            try {
                Attribute attribute = Attribute.getInstance(found.get(0));
                if (found.size() != 1 || attribute.getAttrValues().size() != 1) {
                    return false;
                }
                signingTime = Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
                return true;
            } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
                // IndexOutOfBounds: Bouncy Castle's UTCTime reads a cut-short zone offset past the end (JpkiFuzzTest)
                return false;
            }
        }

        /** The issuing root, chosen by signature, or null after recording why none. */
        private X509Certificate checkChain() {
            List<X509Certificate> signedBy = roots.stream().filter(root -> signedBy(signer, root.getPublicKey())).toList();
            if (signedBy.isEmpty()) {
                fail(Check.CHAIN, "not issued by any of the " + roots.size() + " configured roots");
                return null;
            }
            for (X509Certificate root : signedBy) {
                if (isCa(root) && root.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
                    pass(Check.CHAIN, "issued by root " + root.getSubjectX500Principal().getName()
                            + " serial " + root.getSerialNumber().toString(16));
                    return root;
                }
            }
            boolean anyCa = signedBy.stream().anyMatch(JpkiSignatureVerifier::isCa);
            fail(Check.CHAIN, anyCa ? "the certificate's issuer name differs from the root whose key signed it"
                    : "signed by a configured certificate that is not a CA with keyCertSign");
            return null;
        }

        private void checkKeyUsage() {
            boolean[] usage = signer.getKeyUsage();
            if (usage == null) {
                fail(Check.KEY_USAGE, "no keyUsage extension");
            } else if (!bit(usage, KU_NON_REPUDIATION)) {
                fail(Check.KEY_USAGE, "no nonRepudiation: not a signature certificate (an authentication certificate?)");
            } else if (!bit(usage, KU_DIGITAL_SIGNATURE)) {
                fail(Check.KEY_USAGE, "no digitalSignature");
            } else if (signer.getBasicConstraints() >= 0) {
                fail(Check.KEY_USAGE, "the signer certificate is a CA certificate");
            } else {
                pass(Check.KEY_USAGE, "digitalSignature and nonRepudiation");
            }
        }

        private void checkValidity(X509Certificate root, boolean signingTimeReadable) {
            Instant now = clock.instant();
            if (!signingTimeReadable) {
                fail(Check.VALIDITY, "the signing-time attribute is unreadable");
                return;
            }
            if (signingTime != null && signingTime.isAfter(now.plus(FUTURE_TOLERANCE))) {
                fail(Check.VALIDITY, "the signing time " + signingTime + " is in the future of this verifier's clock ("
                        + now + ")");
                return;
            }
            Instant at = signingTime != null ? signingTime : now;
            String when = signingTime != null ? "at the signing time " + at : "now (" + at + "; no signing time)";
            String problem = validityProblem(signer, at);
            if (problem != null) {
                fail(Check.VALIDITY, "signer certificate " + problem + " " + when);
                return;
            }
            if (root != null) {
                problem = validityProblem(root, at);
                if (problem != null) {
                    fail(Check.VALIDITY, "issuing root " + problem + " " + when);
                    return;
                }
            }
            pass(Check.VALIDITY, (root != null ? "signer certificate and root valid " : "signer certificate valid ")
                    + when);
        }

        private String validityProblem(X509Certificate certificate, Instant at) {
            if (at.isBefore(certificate.getNotBefore().toInstant())) {
                return "not yet valid";
            }
            if (at.isAfter(certificate.getNotAfter().toInstant())) {
                return "expired";
            }
            return null;
        }

        private void checkRevocation(X509Certificate root) {
            if (root == null) {
                notChecked(Check.REVOCATION, "issuing root unknown, so no CRL applies");
                return;
            }
            List<X509CRL> sameName = crls.stream()
                    .filter(crl -> crl.getIssuerX500Principal().equals(root.getSubjectX500Principal())).toList();
            List<X509CRL> fromRoot = bit(root.getKeyUsage(), KU_CRL_SIGN)
                    ? sameName.stream().filter(crl -> signedBy(crl, root.getPublicKey())).toList()
                    : List.of();
            if (fromRoot.isEmpty()) {
                notChecked(Check.REVOCATION, sameName.isEmpty() ? "no CRL held for the issuing root"
                        : "no CRL signed by the issuing root (" + sameName.size()
                                + " with its name did not verify with its key)");
                return;
            }
            X509CRL newest = fromRoot.stream().max(Comparator.comparing(X509CRL::getThisUpdate)).orElseThrow();
            X509CRLEntry entry = newest.getRevokedCertificate(signer.getSerialNumber());
            if (entry != null) {
                fail(Check.REVOCATION, "revoked on " + entry.getRevocationDate().toInstant()
                        + " (CRL of " + newest.getThisUpdate().toInstant() + ")");
                return;
            }
            Instant now = clock.instant();
            if (newest.getNextUpdate() == null || now.isAfter(newest.getNextUpdate().toInstant())) {
                fail(Check.REVOCATION, "not on the newest CRL, but that CRL is stale (nextUpdate "
                        + (newest.getNextUpdate() == null ? "absent" : newest.getNextUpdate().toInstant())
                        + "); fetch a fresh one");
                return;
            }
            pass(Check.REVOCATION, "not on the CRL of " + newest.getThisUpdate().toInstant());
        }

        void pass(Check check, String reason) {
            results.put(check, new CheckResult(check, Status.PASSED, reason));
        }

        void fail(Check check, String reason) {
            results.put(check, new CheckResult(check, Status.FAILED, reason));
        }

        void notChecked(Check check, String reason) {
            results.put(check, new CheckResult(check, Status.NOT_CHECKED, reason));
        }

        VerificationReport report() {
            return new VerificationReport(results, signer, content, signingTime, holder);
        }
    }

    private static boolean isCa(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0 && bit(certificate.getKeyUsage(), KU_KEY_CERT_SIGN);
    }

    private static boolean bit(boolean[] keyUsage, int bit) {
        return keyUsage != null && keyUsage.length > bit && keyUsage[bit];
    }

    private static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signedBy(X509CRL crl, PublicKey key) {
        try {
            crl.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}

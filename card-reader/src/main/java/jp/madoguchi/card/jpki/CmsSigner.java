package jp.madoguchi.card.jpki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import jp.madoguchi.card.CardException;
import jp.madoguchi.card.mynumber.MyNumberSpec;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds a CAdES-BES CMS SignedData whose RSA signature comes from the My Number card.
 *
 * <p>Signed attributes: content-type, message-digest, signing-time (from the clock given here),
 * ESS signing-certificate-v2 (SHA-256 of the signer certificate, with issuer and serial) and,
 * added by Bouncy Castle, CMS algorithm protection (RFC 6211). The signature algorithm is
 * sha256WithRSAEncryption.
 *
 * <p><b>The card signs exactly once per CMS</b>: the content is hashed on the host, the signed
 * attributes are hashed on the host, and only that 51-byte DigestInfo goes to the card. One
 * signature-password entry therefore yields one CMS; sign a bundle of documents by putting them
 * into one payload, not by calling this once per page.
 *
 * <p>Thread-safe (no mutable state); the card behind a {@link DigestSigner} usually is not, so
 * call this on the card reader's executor.
 */
public final class CmsSigner {
    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");

    private final Clock clock;

    public CmsSigner() {
        this(Clock.systemUTC());
    }

    /** @param clock gives the signing-time attribute */
    public CmsSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs {@code payload} with the card.
     *
     * @param payload             the content; hashed here, never sent to the card
     * @param signerCertificate   the card's signature certificate (EF 0001), matching the card's key
     * @param extraCertificates   further certificates to embed (e.g. the signature CA); may be empty
     * @param card                the card's signature operation
     * @param encapsulate         true to carry the payload inside the CMS, false for a detached signature
     * @return the DER-encoded ContentInfo holding the SignedData
     * @throws CardException            exactly as the card threw it (e.g. {@code CARD_REMOVED})
     * @throws SignatureException       if the card's signature does not verify with
     *                                  {@code signerCertificate}'s key (wrong certificate, or the
     *                                  authentication key was selected), or the CMS could not be built
     * @throws GeneralSecurityException if a certificate cannot be encoded
     */
    public byte[] sign(byte[] payload, X509Certificate signerCertificate, List<X509Certificate> extraCertificates,
            DigestSigner card, boolean encapsulate) throws CardException, GeneralSecurityException {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signerCertificate, "signerCertificate");
        Objects.requireNonNull(extraCertificates, "extraCertificates");
        Objects.requireNonNull(card, "card");

        CardContentSigner contentSigner = new CardContentSigner(card);
        try {
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build(),
                    // Keep sha256WithRSAEncryption in the SignerInfo; Bouncy Castle's default would
                    // write plain rsaEncryption.
                    signatureAlgorithm -> signatureAlgorithm)
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(
                            signedAttributes(signerCertificate)))
                    .build(contentSigner, signerCertificate);

            List<X509Certificate> certificates = new ArrayList<>();
            certificates.add(signerCertificate);
            for (X509Certificate extra : extraCertificates) {
                if (!extra.equals(signerCertificate)) {
                    certificates.add(extra);
                }
            }
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificates(new JcaCertStore(certificates));
            byte[] cms = generator.generate(new CMSProcessableByteArray(payload), encapsulate).getEncoded("DER");
            contentSigner.checkSignature(signerCertificate);
            return cms;
        } catch (CardFailure e) {
            throw e.cardException;
        } catch (CMSException | OperatorCreationException | IOException | RuntimeException e) {
            CardException fromCard = tunnelled(e);
            if (fromCard != null) {
                throw fromCard;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SignatureException("could not build the CMS SignedData", e);
        }
    }

    /** Finds a card failure that Bouncy Castle wrapped on its way out. */
    private static CardException tunnelled(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CardFailure failure) {
                return failure.cardException;
            }
        }
        return null;
    }

    private AttributeTable signedAttributes(X509Certificate signerCertificate) throws GeneralSecurityException {
        byte[] certHash = MessageDigest.getInstance("SHA-256").digest(signerCertificate.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(
                        X500Name.getInstance(signerCertificate.getIssuerX500Principal().getEncoded()))),
                signerCertificate.getSerialNumber());
        // SHA-256 is ESSCertIDv2's default hash, so this constructor leaves the algorithm out.
        SigningCertificateV2 signingCertificate = new SigningCertificateV2(new ESSCertIDv2(certHash, issuerSerial));

        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate)));
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
        return new AttributeTable(attributes);
    }

    /**
     * A Bouncy Castle {@link ContentSigner} whose private-key step is the card. Bouncy Castle
     * writes the DER signed attributes into {@link #getOutputStream()} and then asks for the
     * signature once; a second request would mean a second card operation and is refused.
     */
    private static final class CardContentSigner implements ContentSigner {
        private final DigestSigner card;
        private final MessageDigest sha256;
        private final ByteArrayOutputStream signedBytes = new ByteArrayOutputStream();
        private final OutputStream out;
        private byte[] signature;

        CardContentSigner(DigestSigner card) {
            this.card = card;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
            // Signed attributes are a few hundred bytes: keep them to check the card's result.
            this.out = new OutputStream() {
                @Override
                public void write(int b) {
                    sha256.update((byte) b);
                    signedBytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    sha256.update(b, off, len);
                    signedBytes.write(b, off, len);
                }
            };
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return SHA256_WITH_RSA;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public byte[] getSignature() {
            if (signature != null) {
                throw new IllegalStateException("the card signs once per CMS");
            }
            byte[] hash = sha256.digest();
            byte[] digestInfo = new byte[MyNumberSpec.DIGEST_INFO_SHA256.length + hash.length];
            System.arraycopy(MyNumberSpec.DIGEST_INFO_SHA256, 0, digestInfo, 0, MyNumberSpec.DIGEST_INFO_SHA256.length);
            System.arraycopy(hash, 0, digestInfo, MyNumberSpec.DIGEST_INFO_SHA256.length, hash.length);
            try {
                signature = card.sign(digestInfo);
            } catch (CardException e) {
                // ContentSigner cannot throw checked exceptions: carry it out through Bouncy Castle.
                throw new CardFailure(e);
            }
            if (signature == null) {
                throw new IllegalStateException("the DigestSigner returned no signature");
            }
            return signature.clone();
        }

        /**
         * The card might hold a different key than the certificate says (auth key selected, wrong
         * card, a stale certificate in a cache): a CMS that can never verify must not leave here.
         */
        void checkSignature(X509Certificate signerCertificate) throws GeneralSecurityException {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(signerCertificate.getPublicKey());
            verifier.update(signedBytes.toByteArray());
            if (!verifier.verify(signature)) {
                throw new SignatureException("the card's signature does not verify with the signer certificate's key");
            }
        }
    }

    /** Carries a {@link CardException} through Bouncy Castle's unchecked-only signer interface. */
    private static final class CardFailure extends RuntimeException {
        final transient CardException cardException;

        CardFailure(CardException cardException) {
            super(cardException.getMessage(), cardException, false, false);
            this.cardException = cardException;
        }
    }
}

package jp.madoguchi.card.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;

import jp.madoguchi.card.jpki.BirthDateEra;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.MyNumberSpec;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The certificate profiles of the test authority (names, key usages, the otherName entries),
 * kept apart from the key handling so the profile reads like the table in
 * {@code shared/design/mynumber-card.md}.
 */
final class TestAuthorityProfiles {
    static final X500Name SIGNATURE_CA_NAME = caName("JPKI for digital signature");
    static final X500Name AUTHENTICATION_CA_NAME = caName("JPKI for user authentication");

    /** {@code .invalid} (RFC 2606): the URIs look real but can never reach a network. */
    static final String SIGNATURE_CRL_URI = "http://crl.jpki-test.invalid/signature.crl";
    static final String AUTHENTICATION_CRL_URI = "http://crl.jpki-test.invalid/authentication.crl";

    private static final int MAX_CN_LENGTH = 64;
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private TestAuthorityProfiles() {
    }

    private static X500Name caName(String purpose) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, "JPKI-TEST")
                .addRDN(BCStyle.OU, purpose)
                .addRDN(BCStyle.OU, "Japan Agency for Local Authority Information Systems")
                .build();
    }

    /**
     * The signature certificate's subject. Real ones carry the municipality; the test authority
     * keeps only the opaque id so a certificate dump never shows where someone lives.
     */
    static X500Name signatureSubject(String opaqueId) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.CN, checkedOpaqueId(opaqueId))
                .build();
    }

    static X500Name authenticationSubject(String opaqueId) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, checkedOpaqueId(opaqueId)).build();
    }

    private static String checkedOpaqueId(String opaqueId) {
        if (opaqueId == null || opaqueId.isBlank() || opaqueId.length() > MAX_CN_LENGTH) {
            throw new IllegalArgumentException("opaqueId must be 1 to " + MAX_CN_LENGTH + " characters");
        }
        return opaqueId;
    }

    static Extension signatureKeyUsage() {
        return keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    static Extension authenticationKeyUsage() {
        return keyUsage(KeyUsage.digitalSignature);
    }

    private static Extension keyUsage(int bits) {
        try {
            return new Extension(Extension.keyUsage, true, new KeyUsage(bits).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subjectAltName with the holder's basic four facts as {@code otherName} entries. */
    static Extension holderAltName(Basic4Info holder, Set<Integer> nameSubstituted, Set<Integer> addressSubstituted) {
        String birthDate = BirthDateEra.of(holder.birthDate()) + holder.birthDate().format(BASIC_DATE);
        GeneralNames names = new GeneralNames(new GeneralName[] {
            otherName(MyNumberSpec.OID_NAME, holder.name()),
            otherName(MyNumberSpec.OID_NAME_SUBSTITUTED, flags(holder.name(), nameSubstituted, "name")),
            otherName(MyNumberSpec.OID_SEX, String.valueOf(holder.sex().code())),
            otherName(MyNumberSpec.OID_BIRTH_DATE, birthDate),
            otherName(MyNumberSpec.OID_ADDRESS, holder.address()),
            otherName(MyNumberSpec.OID_ADDRESS_SUBSTITUTED, flags(holder.address(), addressSubstituted, "address")),
        });
        try {
            // Not critical: the subject DN is not empty.
            return new Extension(Extension.subjectAlternativeName, false, names.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT UTF8String }}. */
    private static GeneralName otherName(String oid, String value) {
        ASN1EncodableVector v = new ASN1EncodableVector(2);
        v.add(new ASN1ObjectIdentifier(oid));
        v.add(new DERTaggedObject(true, 0, new DERUTF8String(value)));
        return new GeneralName(GeneralName.otherName, new DERSequence(v));
    }

    /** One '0'/'1' per code point (not per UTF-16 unit: substituted 外字 are often supplementary). */
    static String flags(String text, Set<Integer> substituted, String what) {
        int length = text.codePointCount(0, text.length());
        char[] out = new char[length];
        Arrays.fill(out, '0');
        for (Integer position : substituted) {
            if (position == null || position < 0 || position >= length) {
                throw new IllegalArgumentException("a substituted " + what + " position is outside the " + what);
            }
            out[position] = '1';
        }
        return new String(out);
    }

    static CRLDistPoint crlDistributionPoints(String uri) {
        DistributionPointName name = new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }
}

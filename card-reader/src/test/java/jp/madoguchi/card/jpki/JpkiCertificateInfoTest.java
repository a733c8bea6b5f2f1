package jp.madoguchi.card.jpki;

import static jp.madoguchi.card.jpki.JpkiTestSupport.HOLDER;
import static jp.madoguchi.card.jpki.JpkiTestSupport.credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.Sex;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class JpkiCertificateInfoTest {

    @Test
    void readsTheHolderFromASignatureCertificate() throws Exception {
        JpkiCertificateInfo info = JpkiCertificateInfo.parse(credentials().signatureCertificate());

        assertEquals(HOLDER.name(), info.name());
        assertEquals(HOLDER.address(), info.address());
        assertEquals(HOLDER.birthDate(), info.birthDate());
        assertEquals(BirthDateEra.SHOWA, info.birthDateEra());
        assertEquals(Sex.MALE, info.sex());
        assertEquals(List.of(), info.nameSubstitutedPositions());
        assertEquals(List.of(), info.addressSubstitutedPositions());
        assertFalse(info.hasSubstitutedCharacters());
    }

    @Test
    void substitutedCharacterFlagsCountCodePoints() throws Exception {
        // 𠮷 (U+20BB7) is one character but two UTF-16 units: flags are per character.
        Basic4Info holder = new Basic4Info("𠮷田　花子", "大阪府大阪市北区中之島１－３－２０",
                LocalDate.of(2019, 5, 1), Sex.FEMALE);
        IssuedCredentials issued = TestAuthority.shared().issue("JPKI-TEST-GAIJI", holder, Set.of(0, 4), Set.of(3, 9));

        JpkiCertificateInfo info = JpkiCertificateInfo.parse(issued.signatureCertificate());

        assertEquals(holder.name(), info.name());
        assertEquals(List.of(0, 4), info.nameSubstitutedPositions());
        assertEquals(List.of(3, 9), info.addressSubstitutedPositions());
        assertEquals(BirthDateEra.REIWA, info.birthDateEra());
        assertEquals(Sex.FEMALE, info.sex());
        assertTrue(info.hasSubstitutedCharacters());
        assertEquals("10001", otherNames(issued.signatureCertificate()).get(MyNumberSpec.OID_NAME_SUBSTITUTED));
    }

    @Test
    void toStringHidesPersonalData() throws Exception {
        String text = JpkiCertificateInfo.parse(credentials().signatureCertificate()).toString();

        assertFalse(text.contains("見本"));
        assertFalse(text.contains("東京"));
        assertFalse(text.contains("1980"));
    }

    @Test
    void aMissingEntryNamesItsOidAndNoValue() throws Exception {
        Map<String, String> entries = validEntries();
        entries.remove(MyNumberSpec.OID_SEX);

        CertificateParsingException e = assertThrows(CertificateParsingException.class,
                () -> JpkiCertificateInfo.parse(certificateWith(entries)));

        assertTrue(e.getMessage().contains(MyNumberSpec.OID_SEX), e.getMessage());
        assertNoPersonalData(e.getMessage());
    }

    @Test
    void malformedEntriesNameTheirOid() throws Exception {
        assertRejected(MyNumberSpec.OID_NAME_SUBSTITUTED, "000");
        assertRejected(MyNumberSpec.OID_NAME_SUBSTITUTED, "00x00");
        assertRejected(MyNumberSpec.OID_ADDRESS_SUBSTITUTED, "1");
        assertRejected(MyNumberSpec.OID_SEX, "X");
        assertRejected(MyNumberSpec.OID_BIRTH_DATE, "19800217");
        assertRejected(MyNumberSpec.OID_BIRTH_DATE, "319800230");
        assertRejected(MyNumberSpec.OID_BIRTH_DATE, "719800217");
    }

    @Test
    void aRepeatedEntryIsRejected() throws Exception {
        List<String[]> pairs = new ArrayList<>();
        validEntries().forEach((oid, value) -> pairs.add(new String[] {oid, value}));
        pairs.add(new String[] {MyNumberSpec.OID_NAME, "二重　登録"});

        CertificateParsingException e = assertThrows(CertificateParsingException.class,
                () -> JpkiCertificateInfo.parse(certificateWith(pairs)));
        assertTrue(e.getMessage().contains(MyNumberSpec.OID_NAME));
    }

    @Test
    void anAuthenticationCertificateIsNotASignatureCertificate() {
        CertificateParsingException e = assertThrows(CertificateParsingException.class,
                () -> JpkiCertificateInfo.parse(credentials().authenticationCertificate()));
        assertTrue(e.getMessage().contains("subjectAltName"));
    }

    @Test
    void unknownEraIsAccepted() throws Exception {
        Map<String, String> entries = validEntries();
        entries.put(MyNumberSpec.OID_BIRTH_DATE, "019800217");

        JpkiCertificateInfo info = JpkiCertificateInfo.parse(certificateWith(entries));

        assertEquals(BirthDateEra.UNKNOWN, info.birthDateEra());
        assertEquals(LocalDate.of(1980, 2, 17), info.birthDate());
    }

    private static void assertRejected(String oid, String value) throws Exception {
        Map<String, String> entries = validEntries();
        entries.put(oid, value);
        CertificateParsingException e = assertThrows(CertificateParsingException.class,
                () -> JpkiCertificateInfo.parse(certificateWith(entries)), oid + "=" + value);
        assertTrue(e.getMessage().contains(oid), e.getMessage());
        assertFalse(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertNoPersonalData(e.getMessage());
    }

    private static void assertNoPersonalData(String message) {
        assertFalse(message.contains("見本"), message);
        assertFalse(message.contains("霞が関"), message);
        assertFalse(message.contains("19800217"), message);
    }

    private static Map<String, String> validEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(MyNumberSpec.OID_NAME, "見本　太郎");
        entries.put(MyNumberSpec.OID_NAME_SUBSTITUTED, "00000");
        entries.put(MyNumberSpec.OID_SEX, "1");
        entries.put(MyNumberSpec.OID_BIRTH_DATE, "319800217");
        entries.put(MyNumberSpec.OID_ADDRESS, "東京都千代田区霞が関１－２－３");
        entries.put(MyNumberSpec.OID_ADDRESS_SUBSTITUTED, "000000000000000");
        return entries;
    }

    private static X509Certificate certificateWith(Map<String, String> entries) throws Exception {
        List<String[]> pairs = new ArrayList<>();
        entries.forEach((oid, value) -> pairs.add(new String[] {oid, value}));
        return certificateWith(pairs);
    }

    /** A certificate with hand-made otherNames, signed with an existing key to avoid key generation. */
    private static X509Certificate certificateWith(List<String[]> entries) throws Exception {
        List<GeneralName> names = new ArrayList<>();
        for (String[] entry : entries) {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1ObjectIdentifier(entry[0]));
            v.add(new DERTaggedObject(true, 0, new DERUTF8String(entry[1])));
            names.add(new GeneralName(GeneralName.otherName, new DERSequence(v)));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name subject = new X500Name("CN=hand-made");
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.TEN, Date.from(now),
                Date.from(now.plus(1, ChronoUnit.DAYS)), subject, credentials().signatureCertificate().getPublicKey())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(credentials().signatureKey())));
    }

    /** Raw otherName values, read without JpkiCertificateInfo, as an independent cross-check. */
    static Map<String, String> otherNames(X509Certificate certificate) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        var extension = JcaX509ExtensionUtils
                .parseExtensionValue(certificate.getExtensionValue(Extension.subjectAlternativeName.getId()));
        for (GeneralName name : GeneralNames.getInstance(extension).getNames()) {
            ASN1Sequence sequence = ASN1Sequence.getInstance(name.getName());
            ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(sequence.getObjectAt(1));
            out.put(ASN1ObjectIdentifier.getInstance(sequence.getObjectAt(0)).getId(),
                    DERUTF8String.getInstance(tagged.getExplicitBaseObject()).getString());
        }
        return out;
    }
}

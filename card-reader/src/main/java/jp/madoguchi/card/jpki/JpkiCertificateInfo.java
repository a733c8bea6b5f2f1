package jp.madoguchi.card.jpki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.Sex;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * The holder's basic four facts as the JPKI signature certificate states them (subjectAltName
 * {@code otherName} entries), with the flags marking characters the card could only substitute.
 * Personal data: {@link #toString()} hides it, and parse errors name the OID, never a value.
 *
 * @param name                         family and given name, separated by U+3000
 * @param nameSubstitutedPositions     code point indexes (0-based, ascending) of substituted characters
 * @param sex                          ISO 5218
 * @param birthDateEra                 {@link BirthDateEra} digit as the certificate gives it (0 unknown)
 * @param birthDate                    Gregorian birth date
 * @param address                      address as registered
 * @param addressSubstitutedPositions  code point indexes (0-based, ascending) of substituted characters
 */
public record JpkiCertificateInfo(
        String name,
        List<Integer> nameSubstitutedPositions,
        Sex sex,
        int birthDateEra,
        LocalDate birthDate,
        String address,
        List<Integer> addressSubstitutedPositions) {

    public JpkiCertificateInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(address, "address");
        nameSubstitutedPositions = List.copyOf(nameSubstitutedPositions);
        addressSubstitutedPositions = List.copyOf(addressSubstitutedPositions);
    }

    /**
     * Whether the name or address holds a character that the card shows only as a substitute:
     * such a person must not be presented as matched exactly; the booth routes them to a clerk.
     */
    public boolean hasSubstitutedCharacters() {
        return !nameSubstitutedPositions.isEmpty() || !addressSubstitutedPositions.isEmpty();
    }

    @Override
    public String toString() {
        return "JpkiCertificateInfo[redacted]";
    }

    /**
     * Reads the six JPKI {@code otherName} entries of a signature certificate.
     *
     * <p>The era digit is taken as given (0–5) and not recomputed from the date: the issuer signed
     * it, and refusing a real card over an era-boundary disagreement would help no one.
     *
     * @throws CertificateParsingException if the certificate has no subjectAltName (an
     *         authentication certificate, for one), or an entry is missing, repeated or malformed;
     *         the message names the OID and never the value
     */
    public static JpkiCertificateInfo parse(X509Certificate certificate) throws CertificateParsingException {
        Objects.requireNonNull(certificate, "certificate");
        Map<String, String> values = otherNames(certificate);

        String name = required(values, MyNumberSpec.OID_NAME, "name");
        List<Integer> nameFlags = flags(name, required(values, MyNumberSpec.OID_NAME_SUBSTITUTED,
                "name substitution flags"), MyNumberSpec.OID_NAME_SUBSTITUTED, "name substitution flags");
        Sex sex = sex(required(values, MyNumberSpec.OID_SEX, "sex"));
        String birth = required(values, MyNumberSpec.OID_BIRTH_DATE, "birth date");
        int era = era(birth);
        LocalDate birthDate = birthDate(birth);
        String address = required(values, MyNumberSpec.OID_ADDRESS, "address");
        List<Integer> addressFlags = flags(address, required(values, MyNumberSpec.OID_ADDRESS_SUBSTITUTED,
                "address substitution flags"), MyNumberSpec.OID_ADDRESS_SUBSTITUTED, "address substitution flags");
        return new JpkiCertificateInfo(name, nameFlags, sex, era, birthDate, address, addressFlags);
    }

    /** Every otherName string value by OID; other name forms are ignored. */
    private static Map<String, String> otherNames(X509Certificate certificate) throws CertificateParsingException {
        GeneralNames names;
        try {
            Extension extension = new JcaX509CertificateHolder(certificate)
                    .getExtension(Extension.subjectAlternativeName);
            if (extension == null) {
                throw new CertificateParsingException(
                        "no subjectAltName: not a JPKI signature certificate");
            }
            names = GeneralNames.getInstance(extension.getParsedValue());
        } catch (CertificateEncodingException e) {
            throw new CertificateParsingException("subjectAltName is not a valid GeneralNames structure", e);
        } catch (RuntimeException e) {
            // Bouncy Castle re-parses the DER the JDK accepted, and is stricter: a structure the JDK let through
            // can end in a ClassCastException deep inside it (found by JpkiFuzzTest, issue 9). Only Bouncy Castle
            // runs in this block, so any RuntimeException here means the certificate, not a bug of ours.
            throw new CertificateParsingException("certificate or subjectAltName is not valid DER of the expected shape", e);
        }
        Map<String, String> values = new HashMap<>();
        for (GeneralName generalName : names.getNames()) {
            if (generalName.getTagNo() != GeneralName.otherName) {
                continue;
            }
            String oid = "(unreadable)";
            try {
                OtherName otherName = OtherName.getInstance(generalName.getName());
                oid = otherName.getTypeID().getId();
                String value = stringValue(otherName.getValue());
                if (values.putIfAbsent(oid, value) != null) {
                    throw new CertificateParsingException("otherName " + oid + " appears more than once");
                }
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException | IndexOutOfBoundsException e) {
                // IndexOutOfBounds: Bouncy Castle's OtherName reads a one-element SEQUENCE past its end (JpkiFuzzTest)
                throw new CertificateParsingException("otherName " + oid + " is not [0] EXPLICIT UTF8String", e);
            }
        }
        return values;
    }

    /**
     * The value under {@code [0] EXPLICIT}. OtherName's own decoding may or may not have removed
     * the tag depending on the Bouncy Castle version, so both shapes are accepted. Any ASN.1
     * string type is read, not just UTF8String, to be lenient with what a real issuer emits.
     */
    private static String stringValue(ASN1Encodable value) {
        ASN1Encodable inner = value;
        if (inner instanceof ASN1TaggedObject tagged) {
            if (tagged.getTagNo() != 0 || tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw new IllegalArgumentException("unexpected tag");
            }
            inner = tagged.getExplicitBaseObject();
        }
        if (!(inner instanceof ASN1String string)) {
            throw new IllegalArgumentException("not a string");
        }
        return string.getString();
    }

    private static String required(Map<String, String> values, String oid, String what)
            throws CertificateParsingException {
        String value = values.get(oid);
        if (value == null) {
            throw new CertificateParsingException("otherName " + oid + " (" + what + ") is missing");
        }
        return value;
    }

    private static List<Integer> flags(String text, String flags, String oid, String what)
            throws CertificateParsingException {
        if (flags.codePointCount(0, flags.length()) != text.codePointCount(0, text.length())) {
            throw new CertificateParsingException("otherName " + oid + " (" + what
                    + ") does not have one flag per character");
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < flags.length(); i++) {
            switch (flags.charAt(i)) {
                case '0' -> { }
                case '1' -> positions.add(i);
                default -> throw new CertificateParsingException("otherName " + oid + " (" + what
                        + ") holds something other than '0' and '1'");
            }
        }
        return positions;
    }

    private static Sex sex(String code) throws CertificateParsingException {
        try {
            return Sex.fromCode(code);
        } catch (IllegalArgumentException e) {
            // Sex.fromCode puts the value in its message; do not pass it on.
            throw new CertificateParsingException("otherName " + MyNumberSpec.OID_SEX
                    + " (sex) is not an ISO 5218 code 1, 2 or 9");
        }
    }

    private static int era(String birth) throws CertificateParsingException {
        checkBirthShape(birth);
        int era = birth.charAt(0) - '0';
        if (!BirthDateEra.isValid(era)) {
            throw new CertificateParsingException("otherName " + MyNumberSpec.OID_BIRTH_DATE
                    + " (birth date) has an era digit outside 0-5");
        }
        return era;
    }

    private static LocalDate birthDate(String birth) throws CertificateParsingException {
        checkBirthShape(birth);
        try {
            return LocalDate.of(Integer.parseInt(birth.substring(1, 5)), Integer.parseInt(birth.substring(5, 7)),
                    Integer.parseInt(birth.substring(7, 9)));
        } catch (DateTimeException e) {
            throw new CertificateParsingException("otherName " + MyNumberSpec.OID_BIRTH_DATE
                    + " (birth date) is not a calendar date");
        }
    }

    private static void checkBirthShape(String birth) throws CertificateParsingException {
        if (birth.length() != 9 || !birth.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CertificateParsingException("otherName " + MyNumberSpec.OID_BIRTH_DATE
                    + " (birth date) is not EYYYYMMDD");
        }
    }
}

package jp.madoguchi.card.mynumber;

import static jp.madoguchi.card.mynumber.MyNumberSpec.*;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.tlv.Tlv;
import jp.madoguchi.card.tlv.TlvException;

/**
 * Parses the text AP's files (EF 0001 number, EF 0002 basic 4 info, EF 0003 integrity record) and
 * checks them against each other. Every rejection is a {@link CardException} with
 * {@link CardError#MALFORMED_DATA} or {@link CardError#INTEGRITY_MISMATCH} whose detail names the
 * structure at fault and never the personal data in it.
 */
public final class TextApParser {
    /**
     * The longest name the booth accepts, in characters (code points): far beyond any registered name
     * (decision 0034). A longer one is a broken or hostile card, refused rather than shown.
     */
    public static final int MAX_NAME_CHARACTERS = 200;
    /** The longest address the booth accepts, in characters (code points); see {@link #MAX_NAME_CHARACTERS}. */
    public static final int MAX_ADDRESS_CHARACTERS = 400;

    private TextApParser() {
    }

    /** Parses EF 0002 ({@code FF 20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }}). */
    public static Basic4Info parseBasic4(byte[] file) throws CardException {
        Tlv root = parseRoot(file, TAG_BASIC4, "basic 4 info");
        List<Tlv> children;
        try {
            children = root.children();
        } catch (TlvException e) {
            throw malformed("basic 4 info: " + e.getMessage(), e);
        }
        int[] expectedTags = {TAG_BASIC4_OFFSETS, TAG_NAME, TAG_ADDRESS, TAG_BIRTH_DATE, TAG_SEX};
        if (children.size() < expectedTags.length) {
            throw malformed("basic 4 info has " + children.size() + " elements, 5 expected", null);
        }
        for (int i = 0; i < expectedTags.length; i++) {
            if (children.get(i).tag() != expectedTags[i]) {
                throw malformed(String.format("basic 4 info element %d has tag %X, %X expected", i,
                        children.get(i).tag(), expectedTags[i]), null);
            }
        }
        byte[] offsets = children.get(0).value();
        if (offsets.length != 8) {
            throw malformed("DF21 holds " + offsets.length + " bytes, 8 expected", null);
        }
        for (int i = 0; i < 4; i++) {
            int declared = ((offsets[2 * i] & 0xFF) << 8) | (offsets[2 * i + 1] & 0xFF);
            int actual = children.get(i + 1).offset();
            if (declared != actual) {
                throw malformed(String.format("DF21 says the tag %X starts at byte %d, but it starts at byte %d",
                        expectedTags[i + 1], declared, actual), null);
            }
        }
        String name = text(children.get(1).value(), "name (DF22)", MAX_NAME_CHARACTERS);
        String address = text(children.get(2).value(), "address (DF23)", MAX_ADDRESS_CHARACTERS);
        LocalDate birthDate = birthDate(children.get(3).value());
        byte[] sexBytes = children.get(4).value();
        Sex sex;
        try {
            sex = Sex.fromCode(new String(sexBytes, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw malformed("sex (DF25) is not 1, 2 or 9", e);
        }
        if (name.isBlank() || address.isBlank()) {
            throw malformed("name or address is empty", null);
        }
        return new Basic4Info(name, address, birthDate, sex);
    }

    /** Parses EF 0001 ({@code FF 10 0C <12 digits>} and filler). */
    public static IndividualNumber parseIndividualNumber(byte[] file) throws CardException {
        Tlv root = parseRootPrefix(file, TAG_NUMBER, "individual number");
        byte[] digits = root.value();
        try {
            if (digits.length != 12) {
                throw malformed("individual number holds " + digits.length + " bytes, 12 expected", null);
            }
            for (int i = root.end(); i < file.length; i++) {
                if (file[i] != (byte) 0xFF) {
                    throw malformed("individual number file has unexpected bytes after its value", null);
                }
            }
            String text = new String(digits, StandardCharsets.US_ASCII);
            if (!IndividualNumber.isValid(text)) {
                throw malformed("individual number is not 12 digits with a valid check digit", null);
            }
            return IndividualNumber.of(text);
        } finally {
            Arrays.fill(digits, (byte) 0);
        }
    }

    /** The two hashes of EF 0003, and the issuer's signature over them. */
    public record IntegrityRecord(byte[] numberHash, byte[] basic4Hash, byte[] signature, byte[] signedPart) {
    }

    /** Parses EF 0003 ({@code FF 30 { DF31 hash, DF32 hash, DF33 signature }}). */
    public static IntegrityRecord parseIntegrity(byte[] file) throws CardException {
        Tlv root = parseRootPrefix(file, TAG_INTEGRITY, "integrity record");
        try {
            List<Tlv> children = root.children();
            if (children.size() != 3 || children.get(0).tag() != TAG_INTEGRITY_NUMBER_HASH
                    || children.get(1).tag() != TAG_INTEGRITY_BASIC4_HASH
                    || children.get(2).tag() != TAG_INTEGRITY_SIGNATURE) {
                throw malformed("integrity record does not hold DF31, DF32, DF33 in order", null);
            }
            byte[] numberHash = children.get(0).value();
            byte[] basic4Hash = children.get(1).value();
            if (numberHash.length != 32 || basic4Hash.length != 32) {
                throw malformed("integrity record hashes are not 32 bytes (SHA-256)", null);
            }
            byte[] signedPart = Arrays.copyOfRange(file, children.get(0).offset(), children.get(1).end());
            return new IntegrityRecord(numberHash, basic4Hash, children.get(2).value(), signedPart);
        } catch (TlvException e) {
            throw malformed("integrity record: " + e.getMessage(), e);
        }
    }

    /** Checks DF32: SHA-256 of the bytes from the DF22 tag to the end of the FF20 value. */
    public static void checkBasic4(byte[] basic4File, IntegrityRecord record) throws CardException {
        Tlv root = parseRoot(basic4File, TAG_BASIC4, "basic 4 info");
        int from;
        try {
            from = root.child(TAG_NAME).orElseThrow(() -> malformed("basic 4 info has no name", null)).offset();
        } catch (TlvException e) {
            throw malformed("basic 4 info: " + e.getMessage(), e);
        }
        byte[] hash = sha256(basic4File, from, root.end());
        if (!MessageDigest.isEqual(hash, record.basic4Hash())) {
            throw new CardException(CardError.INTEGRITY_MISMATCH,
                    "SHA-256 of the basic 4 info does not match DF32 of the integrity record");
        }
    }

    /** Checks DF31: SHA-256 of all 17 bytes of EF 0001. */
    public static void checkNumber(byte[] numberFile, IntegrityRecord record) throws CardException {
        if (!MessageDigest.isEqual(sha256(numberFile, 0, numberFile.length), record.numberHash())) {
            throw new CardException(CardError.INTEGRITY_MISMATCH,
                    "SHA-256 of the individual number file does not match DF31 of the integrity record");
        }
    }

    private static Tlv parseRoot(byte[] file, int tag, String what) throws CardException {
        Tlv root = parseRootPrefix(file, tag, what);
        for (int i = root.end(); i < file.length; i++) {
            if (file[i] != (byte) 0xFF && file[i] != 0) {
                throw malformed(what + " has unexpected bytes after its end", null);
            }
        }
        return root;
    }

    private static Tlv parseRootPrefix(byte[] file, int tag, String what) throws CardException {
        if (file == null || file.length == 0) {
            throw malformed(what + " file is empty", null);
        }
        Tlv root;
        try {
            root = Tlv.parse(file, 0, file.length);
        } catch (TlvException e) {
            throw malformed(what + ": " + e.getMessage(), e);
        }
        if (root.tag() != tag) {
            throw malformed(String.format("%s starts with tag %X, %X expected", what, root.tag(), tag), null);
        }
        return root;
    }

    /**
     * A name or address as a person may be shown it: valid UTF-8, at most {@code maxCharacters} code
     * points, and nothing a screen would show as garbage or that would change how the rest is shown:
     * no control characters (C0, C1, DEL), no format characters (bidirectional overrides, zero-width
     * characters), no line or paragraph separators, no U+FFFD (a replacement for something lost
     * before the card was written) and no Unicode noncharacters. The detail names the field and the
     * kind of character, never the text.
     */
    static String text(byte[] bytes, String what, int maxCharacters) throws CardException {
        String text = utf8(bytes, what);
        int count = text.codePointCount(0, text.length());
        if (count > maxCharacters) {
            throw malformed(what + " has " + count + " characters, more than " + maxCharacters, null);
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String problem = unshowable(cp);
            if (problem != null) {
                throw malformed(String.format("%s holds %s U+%04X at character %d", what, problem, cp,
                        text.codePointCount(0, i)), null);
            }
            i += Character.charCount(cp);
        }
        return text;
    }

    private static String unshowable(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL) {
            return "a control character";
        }
        if (type == Character.FORMAT) {
            return "a format character";
        }
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return "a line separator";
        }
        if (cp == 0xFFFD) {
            return "the replacement character";
        }
        if (cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE) {
            return "a noncharacter";
        }
        return null;
    }

    private static String utf8(byte[] bytes, String what) throws CardException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not valid UTF-8", e);
        }
    }

    private static LocalDate birthDate(byte[] bytes) throws CardException {
        if (bytes.length != 8) {
            throw malformed("birth date (DF24) holds " + bytes.length + " bytes, 8 expected", null);
        }
        for (byte b : bytes) {
            if (b < '0' || b > '9') {
                throw malformed("birth date (DF24) is not YYYYMMDD digits", null);
            }
        }
        String s = new String(bytes, StandardCharsets.US_ASCII);
        try {
            return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)));
        } catch (DateTimeException e) {
            throw malformed("birth date (DF24) is not a calendar date", null);
        }
    }

    static byte[] sha256(byte[] data, int from, int to) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, from, to - from);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static CardException malformed(String detail, Throwable cause) {
        return new CardException(CardError.MALFORMED_DATA, detail, cause);
    }
}

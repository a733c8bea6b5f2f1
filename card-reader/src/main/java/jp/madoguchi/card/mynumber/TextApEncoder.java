package jp.madoguchi.card.mynumber;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import jp.madoguchi.card.tlv.Tlv;
import jp.madoguchi.card.tlv.TlvException;

/**
 * Encodes the files of the text AP (券面事項入力補助AP) exactly as shared/design/mynumber-card.md
 * lays them out: EF 0001 (individual number), EF 0002 (basic 4 info) and EF 0003 (integrity
 * record). The card emulator and the test authority use it; the reader never does (it parses).
 * Stateless and thread-safe.
 */
public final class TextApEncoder {
    private static final int NUMBER_DIGITS = 12;
    private static final int RSA_2048_SIGNATURE_LENGTH = 256;
    /** DF21 holds four 2-byte offsets: tag, 1-byte length 08, 8 bytes of value. */
    private static final int OFFSETS_ELEMENT_LENGTH = 2 + 1 + 8;
    private static final DateTimeFormatter BIRTH_DATE_FORMAT = DateTimeFormatter.BASIC_ISO_DATE;

    private TextApEncoder() {
    }

    /**
     * EF 0002: {@code FF 20 <len> { DF21 08 <offsets>, DF22 name, DF23 address, DF24 08 YYYYMMDD,
     * DF25 01 sex }} with DER-minimal lengths. The DF21 offsets count from the first byte of the
     * file, so they depend on the size of the FF20 length field (1, 2 or 3 bytes).
     */
    public static byte[] basic4(Basic4Info info) {
        byte[] name = Tlv.encode(MyNumberSpec.TAG_NAME, info.name().getBytes(StandardCharsets.UTF_8));
        byte[] address = Tlv.encode(MyNumberSpec.TAG_ADDRESS, info.address().getBytes(StandardCharsets.UTF_8));
        int year = info.birthDate().getYear();
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("birth date year does not fit YYYYMMDD");
        }
        byte[] birthDate = Tlv.encode(MyNumberSpec.TAG_BIRTH_DATE,
                info.birthDate().format(BIRTH_DATE_FORMAT).getBytes(StandardCharsets.US_ASCII));
        byte[] sex = Tlv.encode(MyNumberSpec.TAG_SEX, new byte[] {(byte) info.sex().code()});

        int valueLength = OFFSETS_ELEMENT_LENGTH + name.length + address.length + birthDate.length + sex.length;
        int outerHeaderLength = 2 + lengthFieldSize(valueLength);
        int nameOffset = outerHeaderLength + OFFSETS_ELEMENT_LENGTH;
        int addressOffset = nameOffset + name.length;
        int birthDateOffset = addressOffset + address.length;
        int sexOffset = birthDateOffset + birthDate.length;
        byte[] offsets = {
            (byte) (nameOffset >> 8), (byte) nameOffset,
            (byte) (addressOffset >> 8), (byte) addressOffset,
            (byte) (birthDateOffset >> 8), (byte) birthDateOffset,
            (byte) (sexOffset >> 8), (byte) sexOffset,
        };
        byte[] file = Tlv.encodeConstructed(MyNumberSpec.TAG_BASIC4,
                Tlv.encode(MyNumberSpec.TAG_BASIC4_OFFSETS, offsets), name, address, birthDate, sex);
        if (file.length != sexOffset + sex.length) {
            throw new IllegalStateException("basic 4 offsets do not match the encoding");
        }
        return file;
    }

    /** EF 0001: {@code FF 10 0C <12 ASCII digits> FF FF}, 17 bytes. */
    public static byte[] individualNumber(String twelveDigits) {
        if (!IndividualNumber.isValid(twelveDigits)) {
            throw new IllegalArgumentException("the individual number must be 12 ASCII digits");
        }
        byte[] element = Tlv.encode(MyNumberSpec.TAG_NUMBER, twelveDigits.getBytes(StandardCharsets.US_ASCII));
        byte[] file = Arrays.copyOf(element, MyNumberSpec.NUMBER_FILE_LENGTH);
        file[element.length] = (byte) 0xFF;
        file[element.length + 1] = (byte) 0xFF;
        return file;
    }

    /**
     * EF 0003: {@code FF 30 82 01 4B { DF31 20 sha256(numberFile), DF32 20 sha256(basic 4 from the
     * DF22 tag to the end of the FF20 value), DF33 82 01 00 signature }}, 336 bytes. The signature
     * is SHA256withRSA by the issuer over the encoded DF31 and DF32 elements, concatenated.
     *
     * @param numberFile all 17 bytes of EF 0001
     * @param basic4File EF 0002 as {@link #basic4(Basic4Info)} encodes it
     * @param issuerKey an RSA-2048 private key
     */
    public static byte[] integrityRecord(byte[] numberFile, byte[] basic4File, PrivateKey issuerKey) {
        if (numberFile.length != MyNumberSpec.NUMBER_FILE_LENGTH) {
            throw new IllegalArgumentException("the number file must be " + MyNumberSpec.NUMBER_FILE_LENGTH + " bytes");
        }
        byte[] numberHash = Tlv.encode(MyNumberSpec.TAG_INTEGRITY_NUMBER_HASH, sha256(numberFile));
        byte[] basic4Hash = Tlv.encode(MyNumberSpec.TAG_INTEGRITY_BASIC4_HASH, sha256(basic4HashedPart(basic4File)));
        ByteArrayOutputStream signedPart = new ByteArrayOutputStream();
        signedPart.writeBytes(numberHash);
        signedPart.writeBytes(basic4Hash);
        byte[] signature = sign(signedPart.toByteArray(), issuerKey);
        if (signature.length != RSA_2048_SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("the issuer key must be RSA-2048 (signature of "
                    + signature.length + " bytes)");
        }
        byte[] record = Tlv.encodeConstructed(MyNumberSpec.TAG_INTEGRITY, numberHash, basic4Hash,
                Tlv.encode(MyNumberSpec.TAG_INTEGRITY_SIGNATURE, signature));
        if (record.length != MyNumberSpec.INTEGRITY_RECORD_LENGTH) {
            throw new IllegalStateException("integrity record of " + record.length + " bytes");
        }
        return record;
    }

    /**
     * The part of EF 0002 that DF32 hashes: from the DF22 tag (found through the DF21 offsets) to
     * the end of the FF20 value.
     */
    public static byte[] basic4HashedPart(byte[] basic4File) {
        int end;
        int nameOffset;
        try {
            Tlv outer = Tlv.parse(basic4File, 0, basic4File.length);
            Tlv offsets = outer.child(MyNumberSpec.TAG_BASIC4_OFFSETS)
                    .orElseThrow(() -> new IllegalArgumentException("basic 4 file without DF21"));
            byte[] value = offsets.value();
            nameOffset = ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
            end = outer.end();
        } catch (TlvException e) {
            throw new IllegalArgumentException("not a basic 4 file: " + e.getMessage(), e);
        }
        if (nameOffset <= 0 || nameOffset >= end) {
            throw new IllegalArgumentException("DF22 offset outside the FF20 value");
        }
        return Arrays.copyOfRange(basic4File, nameOffset, end);
    }


    private static int lengthFieldSize(int length) {
        return length < 0x80 ? 1 : length <= 0xFF ? 2 : 3;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static byte[] sign(byte[] data, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign the integrity record with this key", e);
        }
    }
}

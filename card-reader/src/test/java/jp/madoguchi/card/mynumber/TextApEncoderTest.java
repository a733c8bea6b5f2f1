package jp.madoguchi.card.mynumber;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import jp.madoguchi.card.tlv.Tlv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextApEncoderTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Basic4Info SPEC_EXAMPLE = new Basic4Info("見本　太郎", "東京都千代田区霞が関１－２－３",
            LocalDate.of(1980, 2, 17), Sex.MALE);
    /** The 95 bytes of the worked example in shared/design/mynumber-card.md. */
    private static final String SPEC_EXAMPLE_HEX = ""
            + "FF205C"
            + "DF2108000E00200050005B"
            + "DF220FE8A68BE69CACE38080E5A4AAE9838E"
            + "DF232DE69DB1E4BAACE983BDE58D83E4BBA3E794B0E58CBA"
            + "E99C9EE3818CE996A2EFBC91EFBC8DEFBC92EFBC8DEFBC93"
            + "DF24083139383030323137"
            + "DF250131";

    private static KeyPair issuer;

    @BeforeAll
    static void generateIssuerKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        issuer = generator.generateKeyPair();
    }

    @Test
    void basic4MatchesTheWorkedExampleOfTheSpec() {
        byte[] file = TextApEncoder.basic4(SPEC_EXAMPLE);
        assertEquals(95, file.length);
        assertEquals(SPEC_EXAMPLE_HEX, HEX.formatHex(file));
    }

    @Test
    void basic4WithALongAddressUsesLongLengthsAndOffsetsThatPointAtTheTags() throws Exception {
        String address = "北海道札幌市中央区北一条西二十三丁目４５６番地７８".repeat(4) + "見本ビル１２０３号室";
        byte[] addressUtf8 = address.getBytes(StandardCharsets.UTF_8);
        assertTrue(addressUtf8.length > 255, "the test needs an address over 255 bytes");
        byte[] file = TextApEncoder.basic4(new Basic4Info("見本　太郎", address, LocalDate.of(2000, 12, 31),
                Sex.NOT_APPLICABLE));

        assertEquals("FF2082", HEX.formatHex(file, 0, 3));
        Tlv outer = Tlv.parseExact(file);
        assertEquals(MyNumberSpec.TAG_BASIC4, outer.tag());
        assertEquals(5, outer.headerLength());
        List<Tlv> children = outer.children();
        assertEquals(List.of(0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25), children.stream().map(Tlv::tag).toList());
        Tlv addressElement = children.get(2);
        assertEquals(0x82, file[addressElement.offset() + 2] & 0xFF, "DF23 needs 82 LL LL");
        assertArrayEquals(addressUtf8, addressElement.value());
        assertEquals("20001231", new String(children.get(3).value(), StandardCharsets.US_ASCII));
        assertEquals("9", new String(children.get(4).value(), StandardCharsets.US_ASCII));

        byte[] offsets = children.get(0).value();
        for (int i = 0; i < 4; i++) {
            int offset = ((offsets[2 * i] & 0xFF) << 8) | (offsets[2 * i + 1] & 0xFF);
            assertEquals(children.get(i + 1).offset(), offset, "offset of DF2" + (i + 2));
        }
    }

    @Test
    void basic4WithAnAddressBetween128And255BytesUses81() throws Exception {
        String address = "東京都千代田区霞が関１－２－３　見本ハイツ１０１号".repeat(2);
        assertTrue(address.getBytes(StandardCharsets.UTF_8).length >= 128);
        assertTrue(address.getBytes(StandardCharsets.UTF_8).length <= 255);
        byte[] file = TextApEncoder.basic4(new Basic4Info("見本　太郎", address, LocalDate.of(1980, 2, 17), Sex.MALE));
        Tlv addressElement = Tlv.parseExact(file).child(MyNumberSpec.TAG_ADDRESS).orElseThrow();
        assertEquals(0x81, file[addressElement.offset() + 2] & 0xFF);
        assertEquals(address, new String(addressElement.value(), StandardCharsets.UTF_8));
    }

    @Test
    void individualNumberFileIs17BytesWithFiller() {
        assertEquals("FF100C313233343536373839303138FFFF",
                HEX.formatHex(TextApEncoder.individualNumber("123456789018")));
        assertThrows(IllegalArgumentException.class, () -> TextApEncoder.individualNumber("12345678901"));
        assertThrows(IllegalArgumentException.class, () -> TextApEncoder.individualNumber("12345678901A"));
    }

    @Test
    void checkDigitFollowsTheOfficialFormula() {
        assertTrue(IndividualNumber.isValid("123456789018"));
        assertFalse(IndividualNumber.isValid("123456789012"));
        // r = 12 mod 11 = 1, so the check digit is 0
        assertTrue(IndividualNumber.isValid("200000000000"));
        assertFalse(IndividualNumber.isValid("200000000001"));
        // r = 0 also gives 0
        assertTrue(IndividualNumber.isValid("000000000000"));
        assertTrue(IndividualNumber.isValid("987654321093"));
        assertFalse(IndividualNumber.isValid("12345678901"));
        assertFalse(IndividualNumber.isValid("1234567890188"));
        assertFalse(IndividualNumber.isValid("１２３４５６７８９０１８"));
        assertFalse(IndividualNumber.isValid(null));
        assertEquals(8, IndividualNumber.checkDigit("12345678901"));
    }

    @Test
    void integrityRecordHashesBothFilesAndIsSignedByTheIssuer() throws Exception {
        byte[] number = TextApEncoder.individualNumber("123456789018");
        byte[] basic4 = TextApEncoder.basic4(SPEC_EXAMPLE);
        byte[] record = TextApEncoder.integrityRecord(number, basic4, issuer.getPrivate());

        assertEquals(336, record.length);
        assertEquals("FF3082014B", HEX.formatHex(record, 0, 5));
        Tlv outer = Tlv.parseExact(record);
        List<Tlv> children = outer.children();
        assertEquals(List.of(0xDF31, 0xDF32, 0xDF33), children.stream().map(Tlv::tag).toList());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha256.digest(number), children.get(0).value());
        // DF22 starts at byte 14 of the worked example; the FF20 value ends at byte 95
        assertArrayEquals(sha256.digest(Arrays.copyOfRange(basic4, 14, 95)), children.get(1).value());
        assertEquals("DF33820100", HEX.formatHex(record, 75, 80));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(issuer.getPublic());
        verifier.update(Arrays.copyOfRange(record, 5, 75));
        assertTrue(verifier.verify(children.get(2).value()));
    }

    @Test
    void integrityRecordNeedsAnRsa2048Key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair small = generator.generateKeyPair();
        byte[] number = TextApEncoder.individualNumber("123456789018");
        byte[] basic4 = TextApEncoder.basic4(SPEC_EXAMPLE);
        assertThrows(IllegalArgumentException.class,
                () -> TextApEncoder.integrityRecord(number, basic4, small.getPrivate()));
    }
}

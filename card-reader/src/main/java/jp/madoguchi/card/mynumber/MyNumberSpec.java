package jp.madoguchi.card.mynumber;

import jp.madoguchi.card.apdu.Hex;

/**
 * Identifiers from shared/design/mynumber-card.md, in one place for the reader, the emulator and
 * the tests.
 */
public final class MyNumberSpec {
    public static final byte[] AID_JPKI = Hex.decode("D392F000260100000001");
    public static final byte[] AID_TEXT = Hex.decode("D3921000310001010408");
    public static final byte[] AID_SURFACE = Hex.decode("D3921000310001010402");
    public static final byte[] AID_JUKI = Hex.decode("D3921000310001010401");

    // JPKI-AP
    public static final int EF_JPKI_SIGN_CERT = 0x0001;
    public static final int EF_JPKI_SIGN_CA_CERT = 0x0002;
    public static final int EF_JPKI_AUTH_CERT = 0x000A;
    public static final int EF_JPKI_AUTH_CA_CERT = 0x000B;
    public static final int EF_JPKI_TOKEN_INFO = 0x0006;
    public static final int EF_JPKI_CERT_PRESENCE = 0x0008;
    public static final int EF_JPKI_AUTH_KEY = 0x0017;
    public static final int EF_JPKI_AUTH_PIN = 0x0018;
    public static final int EF_JPKI_SIGN_KEY = 0x001A;
    public static final int EF_JPKI_SIGN_PIN = 0x001B;

    // text AP (券面事項入力補助AP)
    public static final int EF_TEXT_NUMBER = 0x0001;
    public static final int EF_TEXT_BASIC4 = 0x0002;
    public static final int EF_TEXT_INTEGRITY = 0x0003;
    public static final int EF_TEXT_PIN = 0x0011;

    public static final int TOKEN_INFO_LENGTH = 160;
    public static final int TOKEN_LABEL_LENGTH = 32;
    public static final String TOKEN_LABEL_MYNUMBER = "JPKIAPICCTOKEN2";
    public static final String TOKEN_LABEL_JUKI = "JPKIAPICCTOKEN";
    public static final byte[] CERT_PRESENCE_BOTH = {(byte) 0x8F, (byte) 0x8F, 0x00};

    // TLV tags
    public static final int TAG_NUMBER = 0xFF10;
    public static final int TAG_BASIC4 = 0xFF20;
    public static final int TAG_BASIC4_OFFSETS = 0xDF21;
    public static final int TAG_NAME = 0xDF22;
    public static final int TAG_ADDRESS = 0xDF23;
    public static final int TAG_BIRTH_DATE = 0xDF24;
    public static final int TAG_SEX = 0xDF25;
    public static final int TAG_INTEGRITY = 0xFF30;
    public static final int TAG_INTEGRITY_NUMBER_HASH = 0xDF31;
    public static final int TAG_INTEGRITY_BASIC4_HASH = 0xDF32;
    public static final int TAG_INTEGRITY_SIGNATURE = 0xDF33;
    public static final int INTEGRITY_RECORD_LENGTH = 336;

    /** The 17-byte individual number file: {@code FF 10 0C <12 digits> FF FF}. */
    public static final int NUMBER_FILE_LENGTH = 17;

    public static final int AUTH_PIN_MAX_TRIES = 3;
    public static final int TEXT_PIN_MAX_TRIES = 3;
    public static final int SIGN_PASSWORD_MAX_TRIES = 5;

    /** COMPUTE DIGITAL SIGNATURE accepts at most this many data bytes (6700 beyond). */
    public static final int MAX_SIGN_INPUT = 245;

    /** DER DigestInfo prefixes for SHA-256 and SHA-1. */
    public static final byte[] DIGEST_INFO_SHA256 = Hex.decode("3031300D060960864801650304020105000420");
    public static final byte[] DIGEST_INFO_SHA1 = Hex.decode("3021300906052B0E03021A05000414");

    // otherName OIDs in the signature certificate's subjectAltName
    public static final String OID_NAME = "1.2.392.200149.8.5.5.1";
    public static final String OID_NAME_SUBSTITUTED = "1.2.392.200149.8.5.5.2";
    public static final String OID_SEX = "1.2.392.200149.8.5.5.3";
    public static final String OID_BIRTH_DATE = "1.2.392.200149.8.5.5.4";
    public static final String OID_ADDRESS = "1.2.392.200149.8.5.5.5";
    public static final String OID_ADDRESS_SUBSTITUTED = "1.2.392.200149.8.5.5.6";

    private MyNumberSpec() {
    }
}

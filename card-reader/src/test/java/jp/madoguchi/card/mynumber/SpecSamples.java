package jp.madoguchi.card.mynumber;

import jp.madoguchi.card.apdu.Hex;

/** Byte samples taken from shared/design/mynumber-card.md. */
final class SpecSamples {
    /** The worked example: 見本　太郎, 東京都千代田区霞が関１－２－３, 1980-02-17, male (95 bytes). */
    static final String BASIC4_EXAMPLE_HEX = "FF 20 5C"
            + " DF 21 08 00 0E 00 20 00 50 00 5B"
            + " DF 22 0F E8 A6 8B E6 9C AC E3 80 80 E5 A4 AA E9 83 8E"
            + " DF 23 2D E6 9D B1 E4 BA AC E9 83 BD E5 8D 83 E4 BB A3 E7 94 B0 E5 8C BA"
            + " E9 9C 9E E3 81 8C E9 96 A2 EF BC 91 EF BC 8D EF BC 92 EF BC 8D EF BC 93"
            + " DF 24 08 31 39 38 30 30 32 31 37"
            + " DF 25 01 31";

    static byte[] basic4Example() {
        return Hex.decode(BASIC4_EXAMPLE_HEX);
    }

    private SpecSamples() {
    }
}

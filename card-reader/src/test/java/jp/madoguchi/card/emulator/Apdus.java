package jp.madoguchi.card.emulator;

import java.util.Arrays;
import java.util.HexFormat;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.ApduTransport;

/** Small helpers for tests that speak raw APDUs to a card. */
final class Apdus {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Apdus() {
    }

    static byte[] hex(String text) {
        return HEX.parseHex(text.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Sends the command and returns the SW as 4 upper-case hex digits. */
    static String sw(ApduTransport card, String command) throws CardException {
        return swOf(card.transmit(hex(command)));
    }

    static String swOf(byte[] response) {
        return hex(Arrays.copyOfRange(response, response.length - 2, response.length));
    }

    static byte[] dataOf(byte[] response) {
        return Arrays.copyOf(response, response.length - 2);
    }
}

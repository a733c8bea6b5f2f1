package jp.madoguchi.card.jpki;

import jp.madoguchi.card.CardException;

/**
 * The card's COMPUTE DIGITAL SIGNATURE with the signature key: PKCS#1 v1.5 type-1 padding applied
 * to exactly the bytes given, then the RSA private-key operation. The caller therefore passes a
 * complete DER DigestInfo (see {@link jp.madoguchi.card.mynumber.MyNumberSpec#DIGEST_INFO_SHA256}),
 * and the result verifies as {@code SHA256withRSA}.
 *
 * <p>Implementations talk to a card (with the signature password already verified), or, in tests,
 * use a software key with {@code Signature.getInstance("NONEwithRSA")}, which pads the same way.
 */
@FunctionalInterface
public interface DigestSigner {
    /**
     * @param digestInfo a DER DigestInfo, at most {@link jp.madoguchi.card.mynumber.MyNumberSpec#MAX_SIGN_INPUT} bytes
     * @return the RSA signature, as long as the key's modulus (256 bytes for RSA-2048)
     * @throws CardException if the card is removed, refuses (PIN not verified) or fails
     */
    byte[] sign(byte[] digestInfo) throws CardException;
}

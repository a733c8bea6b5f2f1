package jp.madoguchi.card.jpki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.Sex;

/** Shared fixtures: RSA key generation is slow, so credentials are issued once per JVM. */
final class JpkiTestSupport {
    static final Basic4Info HOLDER = new Basic4Info("見本　太郎", "東京都千代田区霞が関１－２－３",
            LocalDate.of(1980, 2, 17), Sex.MALE);

    private JpkiTestSupport() {
    }

    private static final class Lazy {
        static final IssuedCredentials CREDENTIALS = TestAuthority.shared()
                .issue("JPKI-TEST-0001", HOLDER, Set.of(), Set.of());
        static final TestAuthority OTHER_AUTHORITY = TestAuthority.generate();
    }

    /** Credentials from {@link TestAuthority#shared()}; never revoke them. */
    static IssuedCredentials credentials() {
        return Lazy.CREDENTIALS;
    }

    /** A second authority whose CAs have the same DNs as the shared one's. */
    static TestAuthority otherAuthority() {
        return Lazy.OTHER_AUTHORITY;
    }

    /**
     * What the card does: PKCS#1 v1.5 type-1 padding of exactly the given bytes, then RSA. The
     * JDK's NONEwithRSA does exactly that. The length limit is the card's too.
     */
    static DigestSigner softwareCard(PrivateKey key) {
        return digestInfo -> {
            if (digestInfo.length > MyNumberSpec.MAX_SIGN_INPUT) {
                throw new CardException(CardError.WRONG_LENGTH, "more than 245 bytes", 0x6700, null);
            }
            try {
                Signature rsa = Signature.getInstance("NONEwithRSA");
                rsa.initSign(key);
                rsa.update(digestInfo);
                return rsa.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static JpkiSignatureVerifier verifierFor(TestAuthority authority, List<X509CRL> crls) {
        return new JpkiSignatureVerifier(
                List.of(authority.signatureCaCertificate(), authority.authenticationCaCertificate()),
                crls, Clock.systemUTC());
    }
}

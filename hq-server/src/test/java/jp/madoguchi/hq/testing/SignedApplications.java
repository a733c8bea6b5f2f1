package jp.madoguchi.hq.testing;

import java.security.Signature;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.madoguchi.card.emulator.IssuedCredentials;
import jp.madoguchi.card.jpki.CmsSigner;
import jp.madoguchi.card.jpki.DigestSigner;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.forms.fill.FormFiller;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.hqlink.message.Submission;

/**
 * Real applications as a booth makes them, for headquarters' tests and benchmark: a shipped form
 * filled from card data, signed in CMS with the resident's key exactly as the card signs
 * (PKCS#1 v1.5 over a DigestInfo).
 */
public final class SignedApplications {
    /** The emulator's default persona. */
    public static final CardData HOLDER = new CardData("見本　太郎", "東京都千代田区霞が関１－２－３", LocalDate.of(1980, 2, 17), "1");
    private static final FormDefinition JUMINHYO = loadJuminhyo();

    private SignedApplications() {
    }

    private static FormDefinition loadJuminhyo() {
        try {
            return FormCatalogue.load(null).form("juminhyo").orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical JSON of a 住民票 application by {@code holder} at booth {@code boothId}. */
    public static byte[] juminhyo(CardData holder, int copies, String reference, String boothId) {
        var app = new FormFiller().fill(JUMINHYO, holder, Map.of("copies", Integer.toString(copies), "purpose", "work"),
                new FillContext(LocalDate.of(2026, 11, 23), reference, new Booth("見本市", "見本市役所 北部出張所", boothId)));
        return CanonicalJson.of(app);
    }

    /** The canonical JSON of a 住民票 application by the default holder. */
    public static byte[] juminhyo(int copies, String reference) {
        return juminhyo(HOLDER, copies, reference, "booth-test");
    }

    /** A CMS over {@code content} made with the credentials' signature key, as the card would. */
    public static byte[] sign(byte[] content, IssuedCredentials credentials) throws Exception {
        DigestSigner card = digestInfo -> {
            try {
                Signature rsa = Signature.getInstance("NONEwithRSA");
                rsa.initSign(credentials.signatureKey());
                rsa.update(digestInfo);
                return rsa.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
        return new CmsSigner().sign(content, credentials.signatureCertificate(),
                List.of(credentials.signatureCaCertificate()), card, true);
    }

    public static Submission submission(byte[] canonical, byte[] cms) {
        return new Submission("juminhyo", "citizens", Base64.getEncoder().encodeToString(canonical),
                Base64.getEncoder().encodeToString(cms));
    }
}

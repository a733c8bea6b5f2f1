package jp.madoguchi.hq.api;

import java.security.Signature;
import java.security.cert.X509Certificate;
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
 * Real applications as a booth makes them (a shipped form filled from card data, signed in CMS by
 * the resident's card key), each one different: the resident, the booth and a local reference are
 * in the signed bytes. A minimal copy of the intake tests' helpers, for this package.
 */
final class BoothApplications {
    private static final FormDefinition JUMINHYO = loadJuminhyo();

    private static FormDefinition loadJuminhyo() {
        try {
            return FormCatalogue.load(null).form("juminhyo").orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private BoothApplications() {
    }

    /** The canonical JSON of a 住民票 application by {@code holder} at booth {@code boothId}. */
    static byte[] juminhyo(CardData holder, int copies, String localReference, String boothId) {
        var app = new FormFiller().fill(JUMINHYO, holder, Map.of("copies", Integer.toString(copies), "purpose", "work"),
                new FillContext(LocalDate.of(2026, 11, 23), localReference, new Booth("見本市", "見本市役所 北部出張所", boothId)));
        return CanonicalJson.of(app);
    }

    /** A CMS over {@code content} made with the credentials' signature key, as the card would. */
    static byte[] sign(byte[] content, IssuedCredentials credentials) throws Exception {
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
        List<X509Certificate> extra = List.of(credentials.signatureCaCertificate());
        return new CmsSigner().sign(content, credentials.signatureCertificate(), extra, card, true);
    }

    static Submission submission(byte[] canonical, byte[] cms) {
        return new Submission("juminhyo", "citizens", Base64.getEncoder().encodeToString(canonical),
                Base64.getEncoder().encodeToString(cms));
    }
}

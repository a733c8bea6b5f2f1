package jp.madoguchi.clerk.e2e;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.jpki.CmsSigner;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.KeyKind;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.forms.fill.FormFiller;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.hqlink.message.Submission;

/**
 * Residents at the demo booth, as the booth's journey makes their applications: an emulated My Number card of a
 * built-in persona (issued by the authority headquarters trusts) fills the 住民票 form from its card data and signs
 * its canonical JSON. All synthetic data.
 */
final class Residents {
    private final TestAuthority authority;
    private final FormDefinition juminhyo;

    Residents(TestAuthority authority) throws Exception {
        this.authority = authority;
        this.juminhyo = FormCatalogue.load(null).form("juminhyo").orElseThrow();
    }

    String routing() {
        return juminhyo.routing();
    }

    /** The application of {@code personaId}'s resident, signed by their card; {@code tamper} alters the signature. */
    Submission juminhyo(String personaId, String boothReference, boolean tamper) throws Exception {
        Persona persona = Personas.builtIn(personaId);
        CardData holder = new CardData(persona.name(), persona.address(), persona.birthDate(),
                String.valueOf(persona.sex().code()), persona.nameSubstituted(), persona.addressSubstituted());
        byte[] canonical = CanonicalJson.of(new FormFiller().fill(juminhyo, holder,
                Map.of("copies", "1", "purpose", "work"),
                new FillContext(LocalDate.of(2026, 11, 24), boothReference,
                        new Booth("見本市", "見本市役所 北部出張所", "booth-demo"))));
        EmulatedMyNumberCard emulated = EmulatedCards.create(persona, authority);
        emulated.powerOn();
        MyNumberCard card = new MyNumberCard(emulated::transmit);
        card.selectJpki();
        char[] password = persona.secret(PinKind.SIGNATURE).toCharArray();
        try {
            card.verify(PinKind.SIGNATURE, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        X509Certificate signer = card.readCertificate(CertificateSlot.SIGNATURE);
        X509Certificate ca = card.readCertificate(CertificateSlot.SIGNATURE_CA);
        byte[] cms = new CmsSigner().sign(canonical, signer, List.of(ca),
                digestInfo -> card.signDigestInfo(KeyKind.SIGNATURE, digestInfo), true);
        if (tamper) {
            cms[cms.length - 10] ^= 0x55; // inside the RSA signature value, which ends the SignerInfo
        }
        return new Submission("juminhyo", juminhyo.routing(), Base64.getEncoder().encodeToString(canonical),
                Base64.getEncoder().encodeToString(cms));
    }
}

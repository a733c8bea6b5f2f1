package jp.madoguchi.kiosk.hq;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
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
 * Signed applications as the booth makes them (scripts/demo.sh's flow, in process): the 住民票 form filled into
 * its canonical JSON, signed in CMS by an emulated My Number card issued from {@code authority} (the card's own
 * signature key, after its signature password), wrapped in an hq-link {@link Submission}.
 * The holder is synthetic test data.
 */
public final class SignedSubmissions {
    /** Synthetic holder data (the emulator's default persona's kind of data; no real person). */
    public static final CardData HOLDER = holder(Personas.builtIn("default"));
    private static final FormDefinition JUMINHYO = load();

    private final EmulatedMyNumberCard emulated;
    private final MyNumberCard card;

    public SignedSubmissions(TestAuthority authority) {
        emulated = EmulatedCards.create(Personas.builtIn("default"), authority);
        emulated.powerOn();
        card = new MyNumberCard(emulated::transmit);
    }

    /**
     * The card data of the persona whose emulated card signs: headquarters compares the signed applicant with the
     * signature certificate's holder (the card_data check), as it would catch a booth that signs another name.
     */
    private static CardData holder(jp.madoguchi.card.emulator.Persona persona) {
        return new CardData(persona.name(), persona.address(), persona.birthDate(), String.valueOf(persona.sex().code()),
                persona.nameSubstituted(), persona.addressSubstituted());
    }

    private static FormDefinition load() {
        try {
            return FormCatalogue.load(null).form("juminhyo").orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical JSON of a 住民票 application with the booth's reference. */
    public static byte[] canonicalJson(String boothReference) {
        var application = new FormFiller().fill(JUMINHYO, HOLDER, Map.of("copies", "1", "purpose", "work"),
                new FillContext(LocalDate.of(2026, 11, 23), boothReference,
                        new Booth("見本市", "見本市役所 北部出張所", "booth-test")));
        return CanonicalJson.of(application);
    }

    /** A submission signed by the emulated card. */
    public Submission juminhyo(String boothReference) throws Exception {
        byte[] canonical = canonicalJson(boothReference);
        return submission(canonical, sign(canonical));
    }

    /** Signed, then the CMS's signature value altered: headquarters stores it, with its signature check failed. */
    public Submission tamperedSignature(String boothReference) throws Exception {
        byte[] canonical = canonicalJson(boothReference);
        byte[] cms = sign(canonical);
        // the RSA signature value is the last 256 bytes of the DER (it ends the SignerInfo)
        cms[cms.length - 10] ^= 0x55;
        return submission(canonical, cms);
    }

    /** Signed, but not canonical JSON any more (a space added): headquarters refuses it for good (bad_request). */
    public Submission notCanonical(String boothReference) throws Exception {
        byte[] canonical = canonicalJson(boothReference);
        byte[] cms = sign(canonical);
        byte[] spaced = new byte[canonical.length + 1];
        spaced[0] = ' ';
        System.arraycopy(canonical, 0, spaced, 1, canonical.length);
        return submission(spaced, cms);
    }

    private byte[] sign(byte[] canonical) throws Exception {
        card.selectJpki();
        char[] password = emulated.persona().secret(PinKind.SIGNATURE).toCharArray();
        try {
            card.verify(PinKind.SIGNATURE, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        X509Certificate signer = card.readCertificate(CertificateSlot.SIGNATURE);
        X509Certificate ca = card.readCertificate(CertificateSlot.SIGNATURE_CA);
        return new CmsSigner().sign(canonical, signer, List.of(ca),
                digestInfo -> card.signDigestInfo(KeyKind.SIGNATURE, digestInfo), true);
    }

    private static Submission submission(byte[] canonical, byte[] cms) {
        return new Submission("juminhyo", "citizens", Base64.getEncoder().encodeToString(canonical),
                Base64.getEncoder().encodeToString(cms));
    }
}

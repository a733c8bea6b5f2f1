package jp.madoguchi.hq.intake;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.jpki.CmsSigner;
import jp.madoguchi.card.jpki.JpkiCertificateInfo;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.KeyKind;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.forms.fill.CanonicalJson;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.hq.store.Applications;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.Database;
import jp.madoguchi.hq.store.ReferenceNumbers;
import jp.madoguchi.hq.testing.LogCapture;
import jp.madoguchi.hq.testing.SignedApplications;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.Check;
import jp.madoguchi.hqlink.message.CheckStatus;
import jp.madoguchi.hqlink.message.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code card_data} check: the applicant in the signed JSON against the signature certificate's
 * holder. Applications are made as the booth makes them, over APDUs with emulated cards issued by a
 * test authority: the basic 4 info from the text AP, the substituted positions from the signature
 * certificate, the CMS signed by the card's signature key. A compromised booth is modelled by
 * changing the card data before the form is filled: the card signs whatever JSON it is given.
 */
class IntakeCardDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAuthority authority;
    private static EmulatedMyNumberCard taro;
    private static EmulatedMyNumberCard hanako;

    @TempDir
    Path dir;
    private Database database;
    private IntakeService intake;
    private int keys;

    @BeforeAll
    static void issue() {
        authority = TestAuthority.generate();
        taro = EmulatedCards.create(Personas.builtIn("default"), authority);
        hanako = EmulatedCards.create(Personas.builtIn("gaiji"), authority);
        assertFalse(hanako.persona().nameSubstituted().isEmpty(), "the gaiji persona has a substituted name character");
    }

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("hq.db"));
        database.migrate();
        new Booths(database).add("booth-a", "北部出張所", BigInteger.ONE, "-", Instant.now());
        JpkiSignatureVerifier verifier = new JpkiSignatureVerifier(
                List.of(authority.signatureCaCertificate(), authority.authenticationCaCertificate()),
                List.of(authority.signatureCrl()), Clock.systemUTC());
        intake = new IntakeService(new Applications(database, ReferenceNumbers.datedRandom(ZoneOffset.ofHours(9))),
                verifier, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    // ------------------------------------------------------------------ the booth, over APDUs

    /** What a booth sends: the canonical JSON and the card's CMS over it. */
    private record Signed(byte[] json, byte[] cms) {
        Submission submission() {
            return SignedApplications.submission(json, cms);
        }
    }

    /**
     * The booth's path with a real (emulated) card: text PIN, basic 4 info, signature password,
     * signature certificate (for the 外字 positions), then the form filled from {@code booth}'s view
     * of the card data, and the card's signature over the JSON that {@code json} finally makes of it.
     */
    private static Signed boothSigns(EmulatedMyNumberCard emulated, UnaryOperator<CardData> booth,
            UnaryOperator<ObjectNode> json, String reference) throws Exception {
        Persona persona = emulated.persona();
        emulated.powerOn();
        try {
            MyNumberCard card = new MyNumberCard(emulated::transmit);
            assertInstanceOf(PinResult.Verified.class, card.verify(PinKind.TEXT, persona.textPin().toCharArray()));
            Basic4Info info = card.readBasic4Info();
            assertInstanceOf(PinResult.Verified.class,
                    card.verify(PinKind.SIGNATURE, persona.signaturePassword().toCharArray()));
            X509Certificate certificate = card.readCertificate(CertificateSlot.SIGNATURE);
            X509Certificate ca = card.readCertificate(CertificateSlot.SIGNATURE_CA);
            JpkiCertificateInfo substitutions = JpkiCertificateInfo.parse(certificate);
            CardData read = new CardData(info.name(), info.address(), info.birthDate(), String.valueOf(info.sex().code()),
                    substitutions.nameSubstitutedPositions(), substitutions.addressSubstitutedPositions());
            byte[] filled = SignedApplications.juminhyo(booth.apply(read), 1, reference, "booth-a");
            byte[] content = CanonicalJson.canonicalize(json.apply((ObjectNode) JSON.readTree(filled)));
            byte[] cms = new CmsSigner().sign(content, certificate, List.of(ca),
                    digestInfo -> card.signDigestInfo(KeyKind.SIGNATURE, digestInfo), true);
            return new Signed(content, cms);
        } finally {
            emulated.powerOff();
        }
    }

    private static Signed boothSigns(EmulatedMyNumberCard emulated, UnaryOperator<CardData> booth, String reference)
            throws Exception {
        return boothSigns(emulated, booth, UnaryOperator.identity(), reference);
    }

    private static CardData withName(CardData card, String name) {
        return new CardData(name, card.address(), card.birthDate(), card.sex(), card.nameSubstituted(),
                card.addressSubstituted());
    }

    private static CardData withSubstitutions(CardData card, List<Integer> name, List<Integer> address) {
        return new CardData(card.name(), card.address(), card.birthDate(), card.sex(), name, address);
    }

    private IntakeService.Result.Received submit(Signed signed) {
        IntakeService.Result result = intake.submit("booth-a", "key-" + ++keys, signed.submission());
        assertInstanceOf(IntakeService.Result.Received.class, result, result.toString());
        return (IntakeService.Result.Received) result;
    }

    private static Check check(IntakeService.Result.Received r, String name) {
        return r.receipt().checks().stream().filter(c -> c.check().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " check in " + r.receipt().checks()));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theCardsOwnDataPassesAndTheApplicationIsVerified() throws Exception {
        var r = submit(boothSigns(taro, card -> card, "MD-CD-1"));
        assertEquals(new Check("card_data", CheckStatus.PASSED, "applicant matches the signature certificate"),
                check(r, "card_data"));
        assertEquals(ApplicationStatus.VERIFIED, r.receipt().status(), r.receipt().toString());
        assertEquals("card_data", r.receipt().checks().get(r.receipt().checks().size() - 1).check(), "the last badge");
    }

    @Test
    void aNameChangedByTheBoothFailsCardDataWhileTheSignatureStillVerifies() throws Exception {
        // the card signs whatever JSON the booth gives it: a compromised booth can put another name in
        var r = submit(boothSigns(taro, card -> withName(card, "偽物　次郎"), "MD-CD-2"));
        assertEquals(CheckStatus.PASSED, check(r, "signature").status(), "the resident's card did sign it");
        assertEquals(CheckStatus.PASSED, check(r, "chain").status());
        assertEquals(new Check("card_data", CheckStatus.FAILED, "name differs from the signature certificate"),
                check(r, "card_data"));
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, r.receipt().status());
    }

    @Test
    void everyDifferingFieldIsNamedInOrder() throws Exception {
        var r = submit(boothSigns(taro, card -> new CardData("偽物　次郎", "大阪府大阪市北区偽町１", card.birthDate().plusDays(1),
                "2", List.of(1), List.of(2)), "MD-CD-3"));
        assertEquals("name, address, birth date, sex, name substitution flags, address substitution flags"
                + " differ from the signature certificate", check(r, "card_data").reason());
        assertEquals(CheckStatus.FAILED, check(r, "card_data").status());
    }

    @Test
    void aSubstitutedCharacterPassesWhenTheFlagsMatchTheCertificate() throws Exception {
        var r = submit(boothSigns(hanako, card -> card, "MD-CD-4"));
        assertEquals(CheckStatus.PASSED, check(r, "card_data").status(), r.receipt().toString());
        assertEquals(ApplicationStatus.VERIFIED, r.receipt().status());
    }

    @Test
    void substitutedPositionsThatDifferFromTheCertificateFail() throws Exception {
        var moved = submit(boothSigns(hanako, card -> withSubstitutions(card, List.of(1), List.of()), "MD-CD-5"));
        assertEquals(new Check("card_data", CheckStatus.FAILED,
                "name substitution flags differ from the signature certificate"), check(moved, "card_data"));
        assertEquals(CheckStatus.PASSED, check(moved, "signature").status());
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, moved.receipt().status());

        // a booth that drops the 外字 marks would present the name as exact: that is a difference too
        var dropped = submit(boothSigns(hanako, card -> withSubstitutions(card, List.of(), List.of()), "MD-CD-6"));
        assertEquals("name substitution flags differ from the signature certificate", check(dropped, "card_data").reason());

        var added = submit(boothSigns(taro, card -> withSubstitutions(card, List.of(), List.of(0)), "MD-CD-7"));
        assertEquals("address substitution flags differ from the signature certificate", check(added, "card_data").reason());
    }

    @Test
    void theBirthDateIsComparedAsADateNotAsText() throws Exception {
        // the certificate writes EYYYYMMDD (3 19800217), the JSON ISO: the same date passes (above);
        // the same digits in another notation are not what forms writes, so they count as differing
        var r = submit(boothSigns(taro, card -> card, tree -> {
            ((ObjectNode) tree.get("applicant")).put("birthDate", "19800217");
            return tree;
        }, "MD-CD-8"));
        assertEquals("birth date differs from the signature certificate", check(r, "card_data").reason());
        var sexAsNumber = submit(boothSigns(taro, card -> card, tree -> {
            ((ObjectNode) tree.get("applicant")).put("sex", 1);
            return tree;
        }, "MD-CD-9"));
        assertEquals("sex differs from the signature certificate", check(sexAsNumber, "card_data").reason());
        var missing = submit(boothSigns(taro, card -> card, tree -> {
            ((ObjectNode) tree.get("applicant")).remove("address");
            return tree;
        }, "MD-CD-10"));
        assertEquals("address differs from the signature certificate", check(missing, "card_data").reason());
    }

    @Test
    void anApplicationWithoutApplicantIsIndeterminateAndStillVerified() throws Exception {
        var r = submit(boothSigns(taro, card -> card, tree -> {
            tree.remove("applicant");
            return tree;
        }, "MD-CD-11"));
        Check cardData = check(r, "card_data");
        assertEquals(CheckStatus.INDETERMINATE, cardData.status());
        assertTrue(cardData.reason().contains("no applicant"), cardData.reason());
        assertEquals(ApplicationStatus.VERIFIED, r.receipt().status(),
                "nothing to compare is not a failure: the clerk sees the undecided badge");
    }

    @Test
    void anUnreadableSignatureIsRefusedAsUnsignedAndNothingIsCompared() throws Exception {
        // (before decision 0032 this was stored with signature failed and card_data indeterminate; now a "signature"
        // that is no CMS is refused before any check, and nothing is stored)
        Signed signed = boothSigns(taro, card -> card, "MD-CD-12");
        byte[] notCms = {0x30, 0x03, 0x02, 0x01, 0x01};
        IntakeService.Result result = intake.submit("booth-a", "key-MD-CD-12", SignedApplications.submission(
                signed.json(), notCms));
        assertEquals(422, ((IntakeService.Result.Refused) result).status());
        assertEquals(jp.madoguchi.hqlink.message.ErrorCodes.UNSIGNED, ((IntakeService.Result.Refused) result).error());
    }

    @Test
    void aCertificateWithoutHolderFactsLeavesCardDataIndeterminate() throws Exception {
        // signed with the authentication key and certificate: a valid card signature, but that
        // certificate carries no personal data (and fails key usage)
        Persona persona = taro.persona();
        taro.powerOn();
        Signed signed;
        try {
            MyNumberCard card = new MyNumberCard(taro::transmit);
            assertInstanceOf(PinResult.Verified.class,
                    card.verify(PinKind.AUTHENTICATION, persona.authPin().toCharArray()));
            X509Certificate certificate = card.readCertificate(CertificateSlot.AUTHENTICATION);
            byte[] json = SignedApplications.juminhyo(SignedApplications.HOLDER, 1, "MD-CD-13", "booth-a");
            signed = new Signed(json, new CmsSigner().sign(json, certificate,
                    List.of(card.readCertificate(CertificateSlot.AUTHENTICATION_CA)),
                    digestInfo -> card.signDigestInfo(KeyKind.AUTHENTICATION, digestInfo), true));
        } finally {
            taro.powerOff();
        }
        var r = submit(signed);
        assertEquals(CheckStatus.FAILED, check(r, "key_usage").status());
        Check cardData = check(r, "card_data");
        assertEquals(CheckStatus.INDETERMINATE, cardData.status());
        assertTrue(cardData.reason().contains("no readable holder facts"), cardData.reason());
        assertEquals(ApplicationStatus.VERIFICATION_FAILED, r.receipt().status());
    }

    @Test
    void anApplicationStoredBeforeCardDataExistedKeepsItsStatus() throws Exception {
        Signed signed = boothSigns(taro, card -> card, "MD-CD-14");
        String oldChecks = "[" + String.join(",", List.of("signature", "signing_certificate", "chain", "key_usage",
                "validity").stream().map(c -> "{\"check\":\"" + c + "\",\"status\":\"passed\",\"reason\":\"ok\"}").toList())
                + ",{\"check\":\"revocation\",\"status\":\"indeterminate\",\"reason\":\"no CRL\"}]";
        new Applications(database, ReferenceNumbers.datedRandom(ZoneOffset.ofHours(9))).submit(
                new jp.madoguchi.hq.store.Submission("booth-a", "old-key", "juminhyo", "citizens", signed.json(),
                        signed.cms(), oldChecks), Instant.now());
        IntakeService.Result again = intake.submit("booth-a", "old-key", signed.submission());
        var r = assertInstanceOf(IntakeService.Result.Received.class, again);
        assertTrue(r.resubmission());
        assertEquals(ApplicationStatus.VERIFIED, r.receipt().status(), "judged by the checks it was stored with");
        assertEquals(6, r.receipt().checks().size(), "no card_data is invented for it");
    }

    @Test
    void reasonsAndLogsNeverCarryTheApplicantsData() throws Exception {
        List<IntakeService.Result.Received> receipts = new ArrayList<>();
        String log = LogCapture.during(() -> {
            receipts.add(submit(boothSigns(hanako, card -> card, "MD-CD-20")));
            receipts.add(submit(boothSigns(hanako, card -> withName(card, "偽物　次郎"), "MD-CD-21")));
            receipts.add(submit(boothSigns(hanako, card -> new CardData("偽物　次郎", "大阪府大阪市北区偽町１",
                    card.birthDate().minusYears(1), "1", List.of(), List.of(3)), "MD-CD-22")));
            receipts.add(submit(boothSigns(hanako, card -> card, tree -> {
                tree.remove("applicant");
                return tree;
            }, "MD-CD-23")));
        });
        assertTrue(log.contains("card_data failed"), "the log says which check failed: " + log);
        Persona p = hanako.persona();
        List<String> personal = List.of(p.name(), p.address(), "髙橋", "花子", "大阪府", "偽物", "次郎", "偽町",
                p.birthDate().toString(), p.birthDate().toString().replace("-", ""), p.birthDate().minusYears(1).toString());
        StringBuilder reasons = new StringBuilder();
        receipts.forEach(r -> r.receipt().checks().forEach(c -> reasons.append(c.reason()).append('\n')));
        for (String value : personal) {
            assertFalse(log.contains(value), "the log holds personal data");
            assertFalse(reasons.toString().contains(value), "a reason holds personal data");
        }
        assertEquals(List.of(CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.FAILED, CheckStatus.INDETERMINATE),
                receipts.stream().map(r -> check(r, "card_data").status()).toList());
    }
}

package jp.madoguchi.card.mynumber;

import static org.junit.jupiter.api.Assertions.*;

import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CountingTransport;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultyCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import org.junit.jupiter.api.Test;

/** The reader's service against the emulated card: whole journeys, budgets and faults. */
class MyNumberCardOverEmulatorTest {

    private static EmulatedMyNumberCard card(String persona) {
        return EmulatedCards.create(Personas.builtIn(persona), TestAuthority.shared());
    }

    private static Basic4Info readBasic4(MyNumberCard service, String pin) throws CardException {
        service.selectTextAp();
        assertInstanceOf(PinStatus.TriesLeft.class, service.pinStatus(PinKind.TEXT));
        assertEquals(new PinResult.Verified(), service.verify(PinKind.TEXT, pin.toCharArray()));
        return service.readBasic4Info();
    }

    @Test
    void basic4InfoOfAFreshCardInFiveApdus() throws CardException {
        CountingTransport counting = new CountingTransport(card("default"));
        Basic4Info info = readBasic4(new MyNumberCard(counting), "1234");
        assertEquals("見本\u3000太郎", info.name());
        assertEquals("東京都千代田区霞が関１－２－３", info.address());
        assertEquals(LocalDate.of(1980, 2, 17), info.birthDate());
        assertEquals(Sex.MALE, info.sex());
        assertEquals(5, counting.commands(), "SELECT, tries left, VERIFY, READ 0002, READ 0003");
    }

    @Test
    void longAddressNeedsLongTlvLengthsAndStillFiveApdus() throws CardException {
        EmulatedMyNumberCard emulated = card("long-address");
        CountingTransport counting = new CountingTransport(emulated);
        Basic4Info info = readBasic4(new MyNumberCard(counting), emulated.persona().textPin());
        assertEquals(emulated.persona().address(), info.address());
        assertTrue(info.address().getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 128);
        assertEquals(5, counting.commands());
    }

    @Test
    void shortApdusGiveTheSameDataWithMoreExchanges() throws CardException {
        EmulatedMyNumberCard emulated = card("long-address");
        CountingTransport counting = new CountingTransport(emulated);
        Basic4Info info = readBasic4(new MyNumberCard(counting, false), emulated.persona().textPin());
        assertEquals(emulated.persona().address(), info.address());
        assertTrue(counting.commands() > 5, "the 336-byte integrity record needs two short reads");
    }

    @Test
    void individualNumberIsCheckedAgainstTheIntegrityRecord() throws CardException {
        MyNumberCard service = new MyNumberCard(card("default"));
        service.selectTextAp();
        assertEquals(CardError.SECURITY_STATUS_NOT_SATISFIED,
                assertThrows(CardException.class, service::readIndividualNumber).error());
        service.verify(PinKind.TEXT, "1234".toCharArray());
        assertEquals("123456789018", service.readIndividualNumber().digits());
    }

    @Test
    void wrongPinsCountDownBlockAndSurvivePowerOff() throws CardException {
        EmulatedMyNumberCard emulated = card("default");
        MyNumberCard service = new MyNumberCard(emulated);
        service.selectTextAp();
        assertEquals(new PinResult.Wrong(2), service.verify(PinKind.TEXT, "9999".toCharArray()));
        emulated.powerOff();
        emulated.powerOn();
        service.forgetSelection();
        assertEquals(new PinStatus.TriesLeft(2), service.pinStatus(PinKind.TEXT), "the counter survived power-off");
        assertEquals(new PinResult.Wrong(1), service.verify(PinKind.TEXT, "9999".toCharArray()));
        assertEquals(new PinResult.Blocked(), service.verify(PinKind.TEXT, "9999".toCharArray()));
        assertEquals(new PinResult.Blocked(), service.verify(PinKind.TEXT, "1234".toCharArray()),
                "even the right PIN is refused once blocked");
        assertEquals(new PinStatus.Blocked(), service.pinStatus(PinKind.TEXT));
    }

    @Test
    void blockedPersonasAreReportedWithoutSpendingAnything() throws CardException {
        MyNumberCard blocked = new MyNumberCard(card("pin-blocked"));
        assertEquals(new PinStatus.Blocked(), blocked.pinStatus(PinKind.TEXT));
        assertEquals(new PinStatus.Blocked(), blocked.pinStatus(PinKind.AUTHENTICATION));
        MyNumberCard oneTry = new MyNumberCard(card("pin-one-try"));
        assertEquals(new PinStatus.TriesLeft(1), oneTry.pinStatus(PinKind.TEXT));
        MyNumberCard signatureBlocked = new MyNumberCard(card("signature-blocked"));
        assertEquals(new PinStatus.Blocked(), signatureBlocked.pinStatus(PinKind.SIGNATURE));
    }

    @Test
    void certificatesAndTokenLabel() throws CardException {
        MyNumberCard service = new MyNumberCard(card("default"));
        assertEquals(MyNumberSpec.TOKEN_LABEL_MYNUMBER, service.readTokenLabel());
        assertTrue(service.certificatesPresent());
        X509Certificate auth = service.readCertificate(CertificateSlot.AUTHENTICATION);
        X509Certificate authCa = service.readCertificate(CertificateSlot.AUTHENTICATION_CA);
        assertEquals(authCa.getSubjectX500Principal(), auth.getIssuerX500Principal());
        assertEquals(CardError.SECURITY_STATUS_NOT_SATISFIED,
                assertThrows(CardException.class, () -> service.readCertificate(CertificateSlot.SIGNATURE)).error(),
                "the signature certificate holds personal data: password first");
        service.verify(PinKind.SIGNATURE, "abc123".toCharArray());
        X509Certificate sign = service.readCertificate(CertificateSlot.SIGNATURE);
        assertTrue(sign.getKeyUsage()[1], "nonRepudiation");
    }

    @Test
    void signaturesVerifyWithTheCertificatesKey() throws Exception {
        MyNumberCard service = new MyNumberCard(card("default"));
        byte[] message = "住民票の写し 1通".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);

        assertEquals(CardError.SECURITY_STATUS_NOT_SATISFIED,
                assertThrows(CardException.class, () -> service.signSha256(KeyKind.SIGNATURE, hash)).error());
        service.verify(PinKind.SIGNATURE, "ABC123".toCharArray());
        byte[] signature = service.signSha256(KeyKind.SIGNATURE, hash);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(service.readCertificate(CertificateSlot.SIGNATURE));
        verifier.update(message);
        assertTrue(verifier.verify(signature));

        service.verify(PinKind.AUTHENTICATION, "1234".toCharArray());
        byte[] authSignature = service.signSha256(KeyKind.AUTHENTICATION, hash);
        verifier.initVerify(service.readCertificate(CertificateSlot.AUTHENTICATION));
        verifier.update(message);
        assertTrue(verifier.verify(authSignature));
    }

    @Test
    void cardPulledDuringReadBinaryIsCardRemovedAndRecoversOnReinsert() throws CardException {
        FaultyCard faulty = new FaultyCard(card("default"),
                FaultPlan.builder().removeCard(FaultPlan.Trigger.onIns(0xB0)).build());
        MyNumberCard service = new MyNumberCard(faulty);
        service.selectTextAp();
        service.verify(PinKind.TEXT, "1234".toCharArray());
        assertEquals(CardError.CARD_REMOVED, assertThrows(CardException.class, service::readBasic4Info).error());
        assertFalse(service.isVerified(PinKind.TEXT));
        faulty.reinsert();
        assertEquals("見本\u3000太郎", readBasic4(service, "1234").name());
    }

    @Test
    void cardPulledDuringSignatureIsCardRemoved() throws CardException {
        FaultyCard faulty = new FaultyCard(card("default"),
                FaultPlan.builder().removeCard(FaultPlan.Trigger.onIns(0x2A)).build());
        MyNumberCard service = new MyNumberCard(faulty);
        service.verify(PinKind.SIGNATURE, "ABC123".toCharArray());
        assertEquals(CardError.CARD_REMOVED,
                assertThrows(CardException.class, () -> service.signSha256(KeyKind.SIGNATURE, new byte[32])).error());
    }

    @Test
    void garbledCardDataIsCaughtByTheIntegrityRecord() throws CardException {
        // flip a byte inside the name as it crosses the wire: the parse may still succeed, the hash must not
        FaultyCard faulty = new FaultyCard(card("default"),
                FaultPlan.builder().garbleData(FaultPlan.Trigger.onIns(0xB0), 20).build());
        MyNumberCard service = new MyNumberCard(faulty);
        service.selectTextAp();
        service.verify(PinKind.TEXT, "1234".toCharArray());
        CardException e = assertThrows(CardException.class, service::readBasic4Info);
        assertTrue(e.error() == CardError.INTEGRITY_MISMATCH || e.error() == CardError.MALFORMED_DATA, e.toString());
    }

    @Test
    void truncatedResponsesAreTypedErrors() throws CardException {
        FaultyCard noStatus = new FaultyCard(card("default"),
                FaultPlan.builder().truncateResponse(FaultPlan.Trigger.onIns(0xB0), 1).build());
        MyNumberCard service = new MyNumberCard(noStatus);
        service.verify(PinKind.TEXT, "1234".toCharArray());
        assertEquals(CardError.COMMUNICATION, assertThrows(CardException.class, service::readBasic4Info).error());

        // a short answer with 9000 is legal: the header says more is due, so the reader reads on
        FaultyCard cutData = new FaultyCard(card("default"),
                FaultPlan.builder().truncateData(FaultPlan.Trigger.onIns(0xB0), 40).build());
        CountingTransport counting = new CountingTransport(cutData);
        MyNumberCard second = new MyNumberCard(counting);
        second.verify(PinKind.TEXT, "1234".toCharArray());
        assertEquals("見本\u3000太郎", second.readBasic4Info().name());
        assertEquals(5, counting.commands(), "SELECT, VERIFY, READ 0002 (cut), READ 0002 rest, READ 0003");
    }
}

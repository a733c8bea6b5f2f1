package jp.madoguchi.card.pcsc;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.CountingTransport;
import jp.madoguchi.card.cli.CardTool;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultyCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.VirtualCard;
import jp.madoguchi.card.emulator.vpcd.VpcdClient;
import jp.madoguchi.card.jpki.CmsSigner;
import jp.madoguchi.card.jpki.JpkiSignatureVerifier;
import jp.madoguchi.card.jpki.VerificationReport;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.KeyKind;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import org.junit.jupiter.api.Test;

/**
 * The My Number card protocol through the real stack: MyNumberCard → jnasmartcardio →
 * libpcsclite → a private pcscd → vpcd → VpcdClient → the emulated card. Needs root and the
 * packages of scripts/install-system-deps.sh; fails (never skips) without them.
 */
class MyNumberCardPcscIntegrationTest extends RealStackTest {

    private VpcdClient serve(VirtualCard card) throws Exception {
        VpcdClient client = closeLater(new VpcdClient("127.0.0.1", pcscd.port(), card));
        client.start();
        awaitPresence(READER, true);
        return client;
    }

    private CardConnection connect() throws CardException {
        return closeLater(readers.connect(READER));
    }

    private static EmulatedMyNumberCard card(String persona) {
        return EmulatedCards.create(Personas.builtIn(persona), TestAuthority.shared());
    }

    private static <T> T onCard(CardConnection connection, CardConnection.CardTask<T> task) throws Exception {
        try {
            return connection.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Test
    void basic4InfoThroughPcscdInFiveApdus() throws Exception {
        serve(card("default"));
        CountingTransport[] counting = new CountingTransport[1];
        Basic4Info info = onCard(connect(), transport -> {
            counting[0] = new CountingTransport(transport);
            MyNumberCard service = new MyNumberCard(counting[0]);
            service.selectTextAp();
            assertEquals(new PinStatus.TriesLeft(3), service.pinStatus(PinKind.TEXT));
            assertEquals(new PinResult.Verified(), service.verify(PinKind.TEXT, "1234".toCharArray()));
            return service.readBasic4Info();
        });
        assertEquals("見本\u3000太郎", info.name());
        assertEquals("東京都千代田区霞が関１－２－３", info.address());
        assertEquals(5, counting[0].commands(), "the budget holds through pcscd and vpcd");
    }

    @Test
    void longAddressAndCertificatesPassAsExtendedApdus() throws Exception {
        EmulatedMyNumberCard emulated = card("long-address");
        serve(emulated);
        onCard(connect(), transport -> {
            CountingTransport counting = new CountingTransport(transport);
            MyNumberCard service = new MyNumberCard(counting);
            service.verify(PinKind.TEXT, emulated.persona().textPin().toCharArray());
            assertEquals(emulated.persona().address(), service.readBasic4Info().address());
            long before = counting.commands();
            service.selectJpki();
            var certificate = service.readCertificate(CertificateSlot.AUTHENTICATION);
            assertTrue(certificate.getPublicKey().getEncoded().length > 256, "a whole RSA-2048 certificate arrived");
            assertEquals(before + 2, counting.commands(), "SELECT + one extended READ BINARY for a whole certificate");
            return null;
        });
    }

    @Test
    void cmsSignatureMadeThroughPcscdVerifies() throws Exception {
        serve(card("default"));
        byte[] payload = "{\"procedure\":\"juminhyo\",\"copies\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] cms = onCard(connect(), transport -> {
            MyNumberCard service = new MyNumberCard(transport);
            service.selectJpki();
            assertEquals(new PinResult.Verified(), service.verify(PinKind.SIGNATURE, "ABC123".toCharArray()));
            try {
                return new CmsSigner().sign(payload, service.readCertificate(CertificateSlot.SIGNATURE),
                        List.of(service.readCertificate(CertificateSlot.SIGNATURE_CA)),
                        digestInfo -> service.signDigestInfo(KeyKind.SIGNATURE, digestInfo), true);
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        });
        TestAuthority authority = TestAuthority.shared();
        JpkiSignatureVerifier verifier = new JpkiSignatureVerifier(
                List.of(authority.signatureCaCertificate(), authority.authenticationCaCertificate()),
                List.of(authority.signatureCrl()), java.time.Clock.systemUTC());
        VerificationReport report = verifier.verify(cms, null);
        assertTrue(report.valid(), report::toString);
        assertArrayEquals(payload, report.signedContent().orElseThrow());
    }

    @Test
    void wrongPinCountSurvivesTakingTheCardOut() throws Exception {
        VpcdClient client = serve(card("default"));
        CardConnection first = connect();
        assertEquals(new PinResult.Wrong(2), onCard(first, t -> new MyNumberCard(t).verify(PinKind.TEXT, "0000".toCharArray())));
        first.close();
        client.removeCard();
        awaitPresence(READER, false);
        client.insertCard();
        awaitPresence(READER, true);
        assertEquals(new PinStatus.TriesLeft(2), onCard(connect(), t -> new MyNumberCard(t).pinStatus(PinKind.TEXT)));
    }

    @Test
    void cardPulledDuringReadIsReportedAsRemoved() throws Exception {
        FaultyCard faulty = new FaultyCard(card("default"),
                FaultPlan.builder().removeCard(FaultPlan.Trigger.onIns(0xB0)).build());
        serve(faulty);
        CardException e = assertThrows(CardException.class, () -> onCard(connect(), t -> {
            MyNumberCard service = new MyNumberCard(t);
            service.verify(PinKind.TEXT, "1234".toCharArray());
            return service.readBasic4Info();
        }));
        assertEquals(CardError.CARD_REMOVED, e.error(), e.toString());
        awaitPresence(READER, false);
    }

    @Test
    void blockedCardIsReportedWithoutSpendingATry() throws Exception {
        EmulatedMyNumberCard emulated = card("pin-blocked");
        serve(emulated);
        assertEquals(new PinStatus.Blocked(), onCard(connect(), t -> new MyNumberCard(t).pinStatus(PinKind.TEXT)));
        assertEquals(0, emulated.triesLeft(PinKind.TEXT));
    }

    @Test
    void theToolReadsTheCardThroughPcscd() throws Exception {
        serve(card("default"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = CardTool.run("info", "--reader", READER, "--pin", "1234", "--json");
        } finally {
            System.setOut(saved);
        }
        assertEquals(CardTool.EXIT_OK, exit);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"birthDate\" : \"1980-02-17\""), json);
        assertTrue(json.contains("見本　太郎"), json);
    }

    @Test
    void theLargestFileTheBoothReadsPassesThroughPcscdAndAHugeOneIsRefusedAfterOneRead() throws Exception {
        int largest = MyNumberCard.MAX_FILE_LENGTH;
        byte[] file = new byte[largest];
        file[0] = 0x30;
        file[1] = (byte) 0x82;
        file[2] = (byte) ((largest - 4) >> 8);
        file[3] = (byte) (largest - 4);
        jp.madoguchi.card.emulator.FaultyCard hostile = new jp.madoguchi.card.emulator.FaultyCard(card("default"),
                jp.madoguchi.card.emulator.FaultPlan.builder()
                        .serveFile(jp.madoguchi.card.mynumber.MyNumberSpec.AID_JPKI, 0x000A, file)
                        .endlessFile(jp.madoguchi.card.mynumber.MyNumberSpec.AID_JPKI, 0x000B,
                                jp.madoguchi.card.apdu.Hex.decode("30830FFFFF"))
                        .build());
        serve(hostile);
        CardConnection connection = connect();
        long start = System.nanoTime();
        CardException read = assertThrows(CardException.class, () -> onCard(connection,
                transport -> new MyNumberCard(transport).readCertificate(jp.madoguchi.card.mynumber.CertificateSlot.AUTHENTICATION)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(read.getMessage().contains("not a valid X.509 certificate"), "read in full, then parsed: " + read);
        System.out.printf("largest file the booth reads, %d bytes, through pcscd + vpcd: %d ms%n", largest, millis);
        int before = hostile.apduCount();
        CardException huge = assertThrows(CardException.class, () -> onCard(connection,
                transport -> new MyNumberCard(transport).readCertificate(jp.madoguchi.card.mynumber.CertificateSlot.AUTHENTICATION_CA)));
        assertEquals(CardError.MALFORMED_DATA, huge.error());
        assertEquals(2, hostile.apduCount() - before, "SELECT and one READ BINARY, never the 1 MB");
    }
}

package jp.madoguchi.card.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.FaultPlan;
import jp.madoguchi.card.emulator.FaultPlan.Fault;
import jp.madoguchi.card.emulator.FaultPlan.Trigger;
import jp.madoguchi.card.emulator.FaultyCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.mynumber.CertificateSlot;
import jp.madoguchi.card.mynumber.MyNumberCard;
import org.junit.jupiter.api.Test;

/** {@code emulate --fault SPEC}: each notation gives the fault it says, and the card then misbehaves that way. */
class FaultSpecsTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static FaultyCard card(String... specs) {
        return new FaultyCard(EmulatedCards.create(Personas.builtIn("default"), TestAuthority.shared()),
                FaultSpecs.parse(List.of(specs)));
    }

    @Test
    void triggeredFaultsNameTheInstructionAndItsOccurrence() {
        FaultPlan plan = FaultSpecs.parse(List.of("hang@B0#2", "remove@2A", "REMOVE-AFTER@20#3", "sw=6F00@a4",
                "more-data@C0#4", "read-off-by:-3", "slow:25"));
        assertEquals(List.of(new Fault.Hang(Trigger.onIns(0xB0, 2)), new Fault.RemoveCard(Trigger.onIns(0x2A, 1)),
                new Fault.RemoveCardAfter(Trigger.onIns(0x20, 3)), new Fault.AnswerStatus(Trigger.onIns(0xA4, 1), 0x6F00),
                new Fault.MoreDataForever(Trigger.onIns(0xC0, 4))), plan.faults());
        assertEquals(-3, plan.readBinaryLengthOffBy());
        assertEquals(Duration.ofMillis(25), plan.delayPerApdu());
    }

    @Test
    void aStatusWordSpecAnswersThatStatusWord() throws CardException {
        assertEquals("6F00", HEX.formatHex(card("sw=6F00@A4").transmit(HEX.parseHex("00A4040C0AD392F000260100000001"))));
    }

    @Test
    void hugeAndLyingLengthFilesAreRefusedByTheReader() {
        CardException huge = assertThrows(CardException.class,
                () -> new MyNumberCard(card("huge:jpki/000A")).readCertificate(CertificateSlot.AUTHENTICATION));
        assertEquals(CardError.MALFORMED_DATA, huge.error());
        CardException lying = assertThrows(CardException.class,
                () -> new MyNumberCard(card("lying-length:jpki/000A")).readCertificate(CertificateSlot.AUTHENTICATION));
        assertEquals(CardError.MALFORMED_DATA, lying.error());
        assertEquals(true, lying.getMessage().contains("ended after 16 bytes"), lying.getMessage());
    }

    @Test
    void anythingElseIsRefusedNamingTheSpec() {
        for (String bad : List.of("hang", "hang@", "hang@ZZ", "sw=60@B0", "huge:card/0002", "huge:text/12345",
                "explode@B0", "slow:soon", "read-off-by:")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse(List.of(bad)),
                    bad);
            assertEquals(bad, e.getMessage());
        }
    }
}

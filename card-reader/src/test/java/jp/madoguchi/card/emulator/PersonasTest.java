package jp.madoguchi.card.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.Sex;
import jp.madoguchi.card.mynumber.TextApEncoder;
import jp.madoguchi.card.tlv.Tlv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonasTest {
    private static final String VALID = """
            {
              "id": "sample",
              "name": "見本　太郎",
              "address": "東京都千代田区霞が関１－２－３",
              "birthDate": "1980-02-17",
              "sex": "1",
              "individualNumber": "123456789018",
              "authPin": "1234",
              "textPin": "5678",
              "signaturePassword": "ABC123"
            }
            """;

    @Test
    void everyBuiltInPersonaLoadsUnderItsOwnId() {
        List<String> ids = Personas.builtInIds();
        assertEquals(List.of("default", "long-address", "gaiji", "pin-one-try", "pin-blocked", "signature-blocked"), ids);
        for (String id : ids) {
            Persona persona = Personas.builtIn(id);
            assertEquals(id, persona.id());
            assertTrue(jp.madoguchi.card.mynumber.IndividualNumber.isValid(persona.individualNumber()), id);
            assertFalse(persona.description().isBlank(), id);
        }
    }

    @Test
    void defaultPersonaIsTheSpecExampleWithFreshPins() {
        Persona persona = Personas.builtIn("default");
        assertEquals("見本　太郎", persona.name());
        assertEquals("東京都千代田区霞が関１－２－３", persona.address());
        assertEquals(LocalDate.of(1980, 2, 17), persona.birthDate());
        assertEquals(Sex.MALE, persona.sex());
        assertEquals("1234", persona.authPin());
        assertEquals("1234", persona.textPin());
        assertEquals("ABC123", persona.signaturePassword());
        assertEquals(3, persona.authPinTriesLeft());
        assertEquals(3, persona.textPinTriesLeft());
        assertEquals(5, persona.signaturePasswordTriesLeft());
        assertEquals(MyNumberSpec.TOKEN_LABEL_MYNUMBER, persona.tokenLabel());
        assertEquals(List.of(), persona.nameSubstituted());
    }

    @Test
    void specialPersonasHaveTheirPromisedState() {
        Persona gaiji = Personas.builtIn("gaiji");
        assertEquals(Sex.FEMALE, gaiji.sex());
        assertEquals(List.of(0), gaiji.nameSubstituted());
        assertEquals("髙", gaiji.name().substring(0, 1));

        Persona oneTry = Personas.builtIn("pin-one-try");
        assertEquals(1, oneTry.triesLeft(PinKind.AUTHENTICATION));
        assertEquals(1, oneTry.triesLeft(PinKind.TEXT));
        assertEquals(5, oneTry.triesLeft(PinKind.SIGNATURE));

        Persona blocked = Personas.builtIn("pin-blocked");
        assertEquals(0, blocked.triesLeft(PinKind.AUTHENTICATION));
        assertEquals(0, blocked.triesLeft(PinKind.TEXT));

        Persona signatureBlocked = Personas.builtIn("signature-blocked");
        assertEquals(0, signatureBlocked.triesLeft(PinKind.SIGNATURE));
        assertEquals(3, signatureBlocked.triesLeft(PinKind.AUTHENTICATION));
    }

    @Test
    void longAddressNeedsLongLengthsAndRoundTripsThroughTheTlvParser() throws Exception {
        Persona persona = Personas.builtIn("long-address");
        byte[] file = TextApEncoder.basic4(persona.basic4());

        assertEquals(0xFF, file[0] & 0xFF);
        assertEquals(0x20, file[1] & 0xFF);
        int outerLengthForm = file[2] & 0xFF;
        assertTrue(outerLengthForm == 0x81 || outerLengthForm == 0x82, "FF20 needs a long length form");
        Tlv outer = Tlv.parseExact(file);
        Tlv address = outer.child(MyNumberSpec.TAG_ADDRESS).orElseThrow();
        assertTrue(address.length() >= 128);
        assertEquals(0x81, file[address.offset() + 2] & 0xFF, "DF23 uses 81 LL");
        assertEquals(persona.address(), new String(address.value(), StandardCharsets.UTF_8));
        assertEquals(persona.name(),
                new String(outer.child(MyNumberSpec.TAG_NAME).orElseThrow().value(), StandardCharsets.UTF_8));
        byte[] offsets = outer.child(MyNumberSpec.TAG_BASIC4_OFFSETS).orElseThrow().value();
        assertEquals(address.offset(), ((offsets[2] & 0xFF) << 8) | (offsets[3] & 0xFF));
    }

    @Test
    void loadsAFileAndAppliesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sample.json");
        Files.writeString(file, VALID);
        Persona persona = Personas.load(file);
        assertEquals("sample", persona.id());
        assertEquals("", persona.description());
        assertEquals("5678", persona.textPin());
        assertEquals(3, persona.textPinTriesLeft());
        assertEquals(MyNumberSpec.TOKEN_LABEL_MYNUMBER, persona.tokenLabel());
    }

    @Test
    void badCheckDigitNamesTheFileAndTheFieldButNotTheValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, VALID.replace("123456789018", "123456789012"));
        PersonaFormatException e = assertThrows(PersonaFormatException.class, () -> Personas.load(file));
        assertEquals("individualNumber", e.field());
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        assertTrue(e.getMessage().contains("individualNumber"), e.getMessage());
        assertFalse(e.getMessage().contains("123456789012"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"authPin\": \"1234\"|\"authPin\": \"12345\"|authPin",
        "\"textPin\": \"5678\"|\"textPin\": 5678|textPin",
        "\"signaturePassword\": \"ABC123\"|\"signaturePassword\": \"abc123\"|signaturePassword",
        "\"signaturePassword\": \"ABC123\"|\"signaturePassword\": \"ABC12\"|signaturePassword",
        "\"birthDate\": \"1980-02-17\"|\"birthDate\": \"1980-02-30\"|birthDate",
        "\"birthDate\": \"1980-02-17\"|\"birthDate\": \"19800217\"|birthDate",
        "\"sex\": \"1\"|\"sex\": \"0\"|sex",
        "\"sex\": \"1\"|\"sex\": \"1\", \"authPinTriesLeft\": 4|authPinTriesLeft",
        "\"sex\": \"1\"|\"sex\": \"1\", \"textPinTriesLeft\": -1|textPinTriesLeft",
        "\"sex\": \"1\"|\"sex\": \"1\", \"signaturePasswordTriesLeft\": 6|signaturePasswordTriesLeft",
        "\"sex\": \"1\"|\"sex\": \"1\", \"nameSubstituted\": [5]|nameSubstituted",
        "\"sex\": \"1\"|\"sex\": \"1\", \"addressSubstituted\": [1, 1]|addressSubstituted",
        "\"sex\": \"1\"|\"sex\": \"1\", \"tokenLabel\": \"THIS LABEL IS LONGER THAN 32 BYTES\"|tokenLabel",
        "\"sex\": \"1\"|\"sex\": \"1\", \"nickname\": \"x\"|nickname",
        "\"name\": \"見本　太郎\",|\"name\": \"  \",|name",
        "\"address\": \"東京都千代田区霞が関１－２－３\",||address",
        "\"id\": \"sample\"|\"id\": \"Sample One\"|id",
    })
    void invalidFieldIsReportedByName(String original, String replacement, String field) {
        String json = VALID.replace(original, replacement == null ? "" : replacement);
        PersonaFormatException e = assertThrows(PersonaFormatException.class,
                () -> Personas.parse(json.getBytes(StandardCharsets.UTF_8), "test.json"));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.json: field '" + field + "'"), e.getMessage());
    }

    @Test
    void notJsonIsAFileLevelError() {
        PersonaFormatException e = assertThrows(PersonaFormatException.class,
                () -> Personas.parse("{ \"id\": ".getBytes(StandardCharsets.UTF_8), "cut.json"));
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("cut.json: not valid JSON"), e.getMessage());
    }

    @Test
    void unknownBuiltInIdIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Personas.builtIn("nobody"));
        assertThrows(IllegalArgumentException.class, () -> Personas.builtIn("../default"));
    }

    @Test
    void toStringShowsNoPersonalDataOrSecrets() {
        Persona persona = Personas.builtIn("default");
        String text = persona.toString();
        assertEquals("Persona[default]", text);
        for (String secret : List.of(persona.name(), persona.address(), persona.individualNumber(), persona.authPin(),
                persona.signaturePassword(), "1980")) {
            assertFalse(text.contains(secret));
        }
    }

    @Test
    void withTriesLeftChangesOnlyThatCounter() {
        Persona persona = Personas.builtIn("default").withTriesLeft(PinKind.SIGNATURE, 2);
        assertEquals(2, persona.signaturePasswordTriesLeft());
        assertEquals(3, persona.authPinTriesLeft());
        assertThrows(Persona.InvalidFieldException.class,
                () -> Personas.builtIn("default").withTriesLeft(PinKind.TEXT, 4));
    }
}

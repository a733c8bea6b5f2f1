package jp.madoguchi.kiosk.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.Personas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner the privacy tests rely on finds what it claims to find, and nothing in files without it. */
class PersonalDataScanTest {
    private static final Persona PERSONA = Personas.builtIn("default");

    @TempDir
    Path dir;

    private Path file(String name, byte[]... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("some bytes before ".getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            out.write(part);
        }
        out.write(new byte[] {0, 1, 2, (byte) 0xFF});
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static byte[] in(String charset, String text) {
        return text.getBytes(Charset.forName(charset));
    }

    @Test
    void theNameIsFoundInEachJapaneseEncodingInsideLongerText() throws Exception {
        String sentence = "申請者は" + PERSONA.name() + "様です";
        PersonalDataScan scan = PersonalDataScan.of(PERSONA);
        for (String charset : List.of("UTF-8", "UTF-16LE", "UTF-16BE", "windows-31j", "EUC-JP", "ISO-2022-JP")) {
            Path file = file("name-" + charset, in(charset, sentence));
            PersonalDataScan.Result result = scan.scan(List.of(file));
            assertTrue(result.findings().stream().anyMatch(f -> f.what().equals("name")),
                    charset + ": " + result.findings());
        }
    }

    @Test
    void escapedAndEncodedFormsAreFound() throws Exception {
        PersonalDataScan scan = PersonalDataScan.of(PERSONA);
        String address = PERSONA.address();
        Path url = file("url", ("https://x.example/?q=" + URLEncoder.encode("住所:" + address, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder json = new StringBuilder("{\"a\":\"");
        for (char c : address.toCharArray()) {
            json.append(String.format("\\u%04x", (int) c));
        }
        Path prefs = file("prefs", json.append("\"}").toString().getBytes(StandardCharsets.US_ASCII));
        assertTrue(found(scan, url, "address"), "percent-encoded");
        assertTrue(found(scan, prefs, "address"), "JSON escapes");
        for (int before = 0; before < 3; before++) {
            byte[] text = ("x".repeat(before) + "氏名 " + PERSONA.name() + " 以上").getBytes(StandardCharsets.UTF_8);
            Path pem = file("pem" + before, Base64.getEncoder().encode(text));
            assertTrue(found(scan, pem, "name"), "base64 with " + before + " bytes before");
        }
    }

    @Test
    void birthDatesAsFormsWriteThemAreFound() throws Exception {
        PersonalDataScan scan = PersonalDataScan.of(PERSONA);
        assertTrue(found(scan, file("wareki", in("UTF-8", "生年月日 昭和55年2月17日")), "birth date (和暦)"));
        assertTrue(found(scan, file("compact", in("UTF-8", "dob=19800217;")), "birth date (yyyyMMdd)"));
        assertTrue(found(scan, file("number", in("UTF-16LE", "No.123456789018")), "individual number"));
        assertEquals(java.util.Optional.of("霞が関１－２－３"), PersonalDataScan.streetPart(PERSONA.address()));
        assertTrue(found(scan, file("street", in("windows-31j", "霞が関１－２－３")), "address (street)"));
    }

    @Test
    void filesWithoutTheDataAreCleanAndCountedAndFolderAreWalked() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("a").resolve("b"));
        Files.writeString(sub.resolve("other.txt"), "別の人 " + Personas.builtIn("long-address").name() + " 1975-11-03");
        Files.write(sub.resolve("noise.bin"), new byte[4096]);
        PersonalDataScan.Result result = PersonalDataScan.of(PERSONA).assertNoneIn(List.of(dir, dir.resolve("gone")));
        assertEquals(2, result.files());
        assertEquals(4096 + Files.size(sub.resolve("other.txt")), result.bytes());
    }

    @Test
    void aFindingNamesTheFileAndTheKindButNeverTheData() throws Exception {
        Path leak = file("leak", in("EUC-JP", PERSONA.name()));
        AssertionError error = assertThrows(AssertionError.class,
                () -> PersonalDataScan.of(PERSONA).assertNoneIn(List.of(leak)));
        assertTrue(error.getMessage().contains("name (EUC-JP) in " + leak), error.getMessage());
        assertFalse(error.getMessage().contains(PERSONA.name()), "the message must not repeat the data");
    }

    private static boolean found(PersonalDataScan scan, Path file, String what) {
        return scan.scan(List.of(file)).findings().stream().anyMatch(f -> f.what().equals(what));
    }
}

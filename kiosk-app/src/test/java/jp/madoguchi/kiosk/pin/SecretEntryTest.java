package jp.madoguchi.kiosk.pin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import jp.madoguchi.card.mynumber.PinFormat;
import jp.madoguchi.card.mynumber.PinKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretEntryTest {

    @ParameterizedTest
    @EnumSource(value = PinKind.class, names = {"AUTHENTICATION", "TEXT"})
    void aPinTakesFourDigitsAndNothingElse(PinKind kind) {
        SecretEntry entry = new SecretEntry(kind);
        for (char c : "aZ-. ０/:".toCharArray()) {
            assertFalse(entry.append(c), "accepted " + c);
        }
        assertEquals(0, entry.length());
        for (char c = '0'; c <= '3'; c++) {
            assertTrue(entry.append(c));
            assertFalse(entry.isComplete() && entry.length() < 4);
        }
        assertTrue(entry.isComplete());
        assertFalse(entry.append('4'), "a fifth digit");
        assertEquals(4, entry.length());
        assertArrayEquals("0123".toCharArray(), entry.take());
    }

    @Test
    void aPinIsCompleteOnlyAtExactlyFourDigits() {
        SecretEntry entry = new SecretEntry(PinKind.AUTHENTICATION);
        for (int typed = 0; typed < 4; typed++) {
            assertFalse(entry.isComplete(), typed + " digits");
            entry.append('9');
        }
        assertTrue(entry.isComplete());
        assertTrue(entry.backspace());
        assertFalse(entry.isComplete());
    }

    @Test
    void thePasswordTakesSixToSixteenOfUpperCaseLettersAndDigits() {
        SecretEntry entry = new SecretEntry(PinKind.SIGNATURE);
        for (char c : "-_ !@ａÄß\u3042".toCharArray()) {
            assertFalse(entry.append(c), "accepted " + c);
        }
        Secrets.type(entry, "AB12C");
        assertEquals(5, entry.length());
        assertFalse(entry.isComplete(), "5 characters");
        entry.append('3');
        assertTrue(entry.isComplete(), "6 characters");
        Secrets.type(entry, "DEFGHIJKLM");
        assertEquals(16, entry.length());
        assertTrue(entry.isComplete(), "16 characters");
        assertFalse(entry.append('N'), "a 17th character");
        char[] password = entry.take();
        assertArrayEquals("AB12C3DEFGHIJKLM".toCharArray(), password);
        assertTrue(PinFormat.isValid(PinKind.SIGNATURE, password));
    }

    @Test
    void lowerCaseIsUpperCasedAsTheCardExpects() {
        SecretEntry entry = new SecretEntry(PinKind.SIGNATURE);
        Secrets.type(entry, "abc123xyz");
        assertArrayEquals("ABC123XYZ".toCharArray(), entry.take());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTHENTICATION", "TEXT", "SIGNATURE"})
    void everyAcceptedCharacterKeepsThePinFormatValid(String kindName) {
        PinKind kind = PinKind.valueOf(kindName);
        for (char c = 0; c < 0x3100; c++) {
            SecretEntry entry = new SecretEntry(kind);
            if (entry.append(c)) {
                while (!entry.isComplete()) {
                    entry.append('1');
                }
                char[] pin = entry.take();
                assertTrue(PinFormat.isValid(kind, pin), "char " + (int) c);
            }
        }
    }

    @Test
    void backspaceRemovesAndWipesTheLastCharacter() {
        SecretEntry entry = new SecretEntry(PinKind.AUTHENTICATION);
        assertFalse(entry.backspace());
        Secrets.type(entry, "123");
        assertTrue(entry.backspace());
        assertEquals(2, entry.length());
        char[] buffer = Secrets.charArrays(entry).get(0);
        assertEquals('\0', buffer[2]);
        Secrets.type(entry, "45");
        assertArrayEquals("1245".toCharArray(), entry.take());
    }

    @Test
    void theMaskShowsOnlyHowManyWereTyped() {
        SecretEntry entry = new SecretEntry(PinKind.AUTHENTICATION);
        assertEquals("", entry.masked());
        Secrets.type(entry, "1234");
        assertEquals("●●●●", entry.masked());
        entry.backspace();
        assertEquals("●●●", entry.masked());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        SecretEntry entry = new SecretEntry(PinKind.SIGNATURE);
        Secrets.type(entry, "SECRET42");
        String text = entry.toString();
        assertFalse(text.contains("SECRET42") || text.contains("S") && text.contains("42"), text);
        assertFalse(text.contains("●"), "not even the length: " + text);
    }

    @Test
    void theSecretIsOnlyEverInACharArray() {
        Secrets.assertNoStringFields(SecretEntry.class);
        Secrets.assertNoStringFields(PinSubmission.class);
        Secrets.assertNoStringFields(PinSession.class);
        assertEquals(1, Secrets.charArrays(new SecretEntry(PinKind.SIGNATURE)).size());
    }

    @Test
    void takeHandsACopyOverOnceAndWipesTheEntry() {
        SecretEntry entry = new SecretEntry(PinKind.AUTHENTICATION);
        Secrets.type(entry, "4711");
        char[] buffer = Secrets.charArrays(entry).get(0);
        char[] pin = entry.take();
        assertArrayEquals("4711".toCharArray(), pin);
        Secrets.assertWiped(buffer);
        Secrets.assertWiped(entry);
        assertTrue(entry.isTaken());
        assertEquals(0, entry.length());
        assertEquals("", entry.masked());
        assertFalse(entry.isComplete());
        assertThrows(IllegalStateException.class, entry::take, "a second take");
        assertFalse(entry.append('1'), "a taken entry cannot be typed into again");
        Arrays.fill(pin, '\0');
        Secrets.assertWiped(entry);
    }

    @Test
    void theCallersCopyIsNotTheEntrysArray() {
        SecretEntry entry = new SecretEntry(PinKind.AUTHENTICATION);
        Secrets.type(entry, "1234");
        char[] buffer = Secrets.charArrays(entry).get(0);
        char[] pin = entry.take();
        assertFalse(pin == buffer);
    }

    @Test
    void anIncompleteEntryIsNeverHandedOver() {
        SecretEntry entry = new SecretEntry(PinKind.SIGNATURE);
        Secrets.type(entry, "ABC12");
        assertThrows(IllegalStateException.class, entry::take);
        assertEquals(5, entry.length(), "the refusal leaves the typing alone");
        assertFalse(entry.isTaken());
    }

    @Test
    void clearZeroesTheArrayAndTypingGoesOn() {
        SecretEntry entry = new SecretEntry(PinKind.SIGNATURE);
        Secrets.type(entry, "PASSWORD1234");
        entry.clear();
        Secrets.assertWiped(entry);
        assertEquals(0, entry.length());
        Secrets.type(entry, "NEWPASS1");
        assertArrayEquals("NEWPASS1".toCharArray(), entry.take());
    }

    @Test
    void closeWipesForGood() {
        SecretEntry entry = new SecretEntry(PinKind.AUTHENTICATION);
        Secrets.type(entry, "9876");
        try (entry) {
            assertEquals(4, entry.length());
        }
        Secrets.assertWiped(entry);
        assertTrue(entry.isClosed());
        assertFalse(entry.append('1'));
        assertFalse(entry.isComplete());
        assertThrows(IllegalStateException.class, entry::take);
    }

    @Test
    void aPinTypedForOneKindIsNotAPasswordAndViceVersa() {
        SecretEntry pin = new SecretEntry(PinKind.AUTHENTICATION);
        Secrets.type(pin, "ABC123");
        assertEquals(3, pin.length(), "only the digits went in");
        SecretEntry password = new SecretEntry(PinKind.SIGNATURE);
        Secrets.type(password, "1234");
        assertFalse(password.isComplete(), "4 digits are not a signature password");
        assertThrows(IllegalStateException.class, password::take);
    }
}

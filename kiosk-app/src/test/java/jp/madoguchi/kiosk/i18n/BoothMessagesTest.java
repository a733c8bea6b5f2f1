package jp.madoguchi.kiosk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.PinResult;
import jp.madoguchi.card.mynumber.PinStatus;
import jp.madoguchi.kiosk.card.CardReadError;
import jp.madoguchi.kiosk.card.CardSlotEvent;
import jp.madoguchi.kiosk.pin.PinAttemptPolicy;
import jp.madoguchi.kiosk.pin.PinMessage;
import jp.madoguchi.kiosk.pin.PinScreen;
import jp.madoguchi.kiosk.pin.PinSession;
import jp.madoguchi.kiosk.pin.SecretEntry;
import jp.madoguchi.kiosk.pin.SubmitDecision;
import jp.madoguchi.kiosk.session.EndCause;
import jp.madoguchi.kiosk.session.JourneyStep;
import jp.madoguchi.kiosk.ui.model.UiText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every key in every language, none unused, placeholders consistent, and no fallback to the JVM's locale. */
class BoothMessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    private static final String[] FILES = {"messages.properties", "messages_ja.properties",
        "messages_ja_JP_EASY.properties", "messages_zh.properties", "messages_ko.properties",
        "messages_vi.properties", "messages_pt.properties"};
    private static Locale savedDefault;

    private final BoothMessages messages = BoothMessages.strict();

    @BeforeAll
    static void frenchBooth() {
        savedDefault = Locale.getDefault();
        // a booth whose operating system is set to French must still speak the resident's language
        Locale.setDefault(Locale.FRENCH);
    }

    @AfterAll
    static void restoreLocale() {
        Locale.setDefault(savedDefault);
    }

    @Test
    void languagesInTheLanguageScreensOrderWithTheirOwnNames() {
        assertEquals(List.of("日本語", "やさしい日本語", "English", "中文", "한국어", "Tiếng Việt", "Português"),
                java.util.Arrays.stream(BoothLanguage.values()).map(BoothLanguage::ownName).toList());
        assertEquals(new Locale("ja", "JP", "EASY"), BoothLanguage.EASY_JAPANESE.locale());
        assertEquals(List.of("ja", "ja", "en", "zh", "ko", "vi", "pt"),
                java.util.Arrays.stream(BoothLanguage.values()).map(BoothLanguage::tag).toList());
    }

    @Test
    void eachLanguageHasItsOwnFileAndNoneFallsBackToTheDefaultLocale() {
        for (BoothLanguage language : BoothLanguage.values()) {
            Locale expected = language == BoothLanguage.ENGLISH ? Locale.ROOT : language.locale();
            assertEquals(expected, BoothMessages.bundle(language).getLocale(), language.name());
        }
        // English comes from the base file, not from a French or any other default-locale file
        assertEquals("Touch the screen to start.",
                messages.text(BoothLanguage.ENGLISH, BoothText.ATTRACT_TOUCH_TO_START));
    }

    @Test
    void everyFileHasTheSameKeysAllNonEmpty() throws IOException {
        Map<String, Properties> files = files();
        Set<String> base = names(files.get("messages.properties"));
        for (Map.Entry<String, Properties> file : files.entrySet()) {
            assertEquals(base, names(file.getValue()), file.getKey());
            for (String key : names(file.getValue())) {
                assertFalse(file.getValue().getProperty(key).isBlank(), file.getKey() + " " + key);
            }
        }
    }

    @Test
    void placeholdersAreTheSameInEveryLanguageAndApostrophesAreSafe() throws IOException {
        Map<String, Properties> files = files();
        for (String key : names(files.get("messages.properties"))) {
            Set<String> expected = placeholders(files.get("messages.properties").getProperty(key));
            for (Map.Entry<String, Properties> file : files.entrySet()) {
                String value = file.getValue().getProperty(key);
                assertEquals(expected, placeholders(value), file.getKey() + " " + key);
                // MessageFormat swallows a single apostrophe and everything up to the next one
                assertFalse(value.replace("''", "").contains("'"), file.getKey() + " " + key + ": single apostrophe");
            }
        }
    }

    @Test
    void everyKeyIsUsedAndEveryUsedKeyExists() throws IOException {
        Set<String> inFiles = names(files().get("messages.properties"));
        Map<String, List<Integer>> used = usedKeys();
        assertEquals(inFiles, used.keySet());
        for (BoothLanguage language : BoothLanguage.values()) {
            for (Map.Entry<String, List<Integer>> key : used.entrySet()) {
                String text = messages.text(language, key.getKey(), key.getValue().toArray());
                assertFalse(text.isBlank(), language + " " + key.getKey());
                assertFalse(text.contains("{"), language + " " + key.getKey() + " left a placeholder: " + text);
            }
        }
    }

    @Test
    void pinMessagesFillTheirNumbers() {
        PinScreen screen = PinAttemptPolicy.afterAnswer(PinKind.AUTHENTICATION, new PinResult.Wrong(2));
        assertEquals("That PIN is not correct. You have 2 tries left.",
                messages.text(BoothLanguage.ENGLISH, screen.messages().get(0)));
        assertEquals("暗証番号が違います。あと2回入力できます。", messages.text(BoothLanguage.JAPANESE, screen.messages().get(0)));
        assertEquals("That PIN is not correct. You have 1 try left.",
                messages.text(BoothLanguage.ENGLISH, PinMessage.of("pin.error.wrong", 1)));
        assertEquals("Are you still there? This session will end in 30 seconds.",
                messages.text(BoothLanguage.ENGLISH, BoothText.INACTIVITY_WARNING, 30));
    }

    @Test
    void lastTryWarningSaysTheCardLocksUntilTheOfficeAndOffersAClerk() {
        for (PinKind kind : PinKind.values()) {
            PinScreen screen = PinAttemptPolicy.beforeEntry(kind, new PinStatus.TriesLeft(1));
            String warning = PinAttemptPolicy.keyPrefix(kind) + ".warning.last_try";
            String offer = PinAttemptPolicy.keyPrefix(kind) + ".offer.clerk";
            assertTrue(screen.messageKeys().containsAll(List.of(warning, offer)), kind.name());
            String english = messages.text(BoothLanguage.ENGLISH, warning);
            assertTrue(english.contains("locked") && english.contains("municipal office window"), english);
            assertTrue(messages.text(BoothLanguage.ENGLISH, offer).contains("staff member"));
            assertTrue(messages.text(BoothLanguage.JAPANESE, warning).contains("窓口"));
            assertTrue(messages.text(BoothLanguage.EASY_JAPANESE, warning).contains("窓口"));
        }
    }

    @Test
    void easyJapaneseDiffersFromJapaneseForThePinWarnings() {
        for (String prefix : List.of("pin", "password")) {
            for (String suffix : List.of(".warning.last_try", ".offer.clerk", ".blocked.explain", ".error.wrong")) {
                String key = prefix + suffix;
                assertNotEquals(messages.text(BoothLanguage.JAPANESE, key, 3),
                        messages.text(BoothLanguage.EASY_JAPANESE, key, 3), key);
            }
        }
    }

    @Test
    void strictThrowsOnAMissingKeyAndLenientFallsBackToEnglish() {
        assertThrows(MissingResourceException.class, () -> messages.text(BoothLanguage.KOREAN, "no.such.key"));
        BoothMessages lenient = BoothMessages.lenient();
        assertThrows(MissingResourceException.class, () -> lenient.text(BoothLanguage.KOREAN, "no.such.key"));
        // a key only in the English base file (none exists today): the pattern lookup does not use parents
        assertEquals(null, BoothMessages.ownPattern(BoothMessages.BUNDLE, BoothLanguage.EASY_JAPANESE, "no.such.key"));
        assertNotNull(BoothMessages.ownPattern(BoothMessages.BUNDLE, BoothLanguage.EASY_JAPANESE, BoothText.ATTRACT_TOUCH_TO_START));
    }

    @Test
    void lenientShowsEnglishForASentenceMissingInOneLanguageAndWarnsOnce() {
        // a test bundle whose Korean and やさしい日本語 files lack "only.english" (and nothing else)
        String base = "jp.madoguchi.kiosk.i18n.partial";
        BoothMessages lenient = new BoothMessages(base, false);
        assertEquals("한국어", lenient.text(BoothLanguage.KOREAN, "both"));
        assertEquals("Only in English: 2", lenient.text(BoothLanguage.KOREAN, "only.english", 2));
        assertEquals("Only in English: 2", lenient.text(BoothLanguage.KOREAN, "only.english", 2));
        assertEquals(1, lenient.fallbacksWarned());
        // not taken from the 日本語 parent file either
        assertEquals("Only in English: 1", lenient.text(BoothLanguage.EASY_JAPANESE, "only.english", 1));
        assertEquals(2, lenient.fallbacksWarned());
        assertThrows(MissingResourceException.class,
                () -> new BoothMessages(base, true).text(BoothLanguage.KOREAN, "only.english", 2));
    }

    /** Every key the code can produce, with sample arguments. */
    private static Map<String, List<Integer>> usedKeys() {
        Map<String, List<Integer>> keys = new TreeMap<>();
        for (PinMessage message : pinMessages()) {
            keys.put(message.key(), message.arguments());
        }
        for (JourneyStep step : JourneyStep.values()) {
            keys.put(BoothText.stepTitle(step), List.of());
        }
        for (EndCause cause : EndCause.values()) {
            keys.put(BoothText.sessionEnd(cause), List.of());
        }
        for (CardSlotEvent event : cardSlotEvents()) {
            keys.put(event.residentKey(), List.of());
            keys.put(event.staffKey(), List.of());
        }
        keys.put(BoothText.ATTRACT_TOUCH_TO_START, List.of());
        keys.put(BoothText.INACTIVITY_WARNING, List.of(30));
        keys.put(BoothText.INACTIVITY_TOUCH_TO_CONTINUE, List.of());
        assertEquals(BoothText.CONSTANTS.size(), 3);
        // kiosk.journey: the busy, problem and identity keys of JourneyView
        for (String key : jp.madoguchi.kiosk.journey.JourneyText.KEYS) {
            keys.put(key, List.of());
        }
        // the booth's screens (kiosk.ui): every UiText key, each argument a sample number
        UiText.ARGUMENTS.forEach((key, count) -> keys.put(key, java.util.Collections.nCopies(count, 3)));
        return keys;
    }

    /** An event of every kind, and an unreadable card for every read error: their keys take no arguments. */
    private static List<CardSlotEvent> cardSlotEvents() {
        List<CardSlotEvent> events = new ArrayList<>();
        for (CardSlotEvent.Kind kind : CardSlotEvent.Kind.values()) {
            events.add(new CardSlotEvent(kind, Optional.of("reader"), Optional.empty(), Optional.empty(), ""));
        }
        for (CardReadError error : CardReadError.values()) {
            CardSlotEvent unreadable = new CardSlotEvent(CardSlotEvent.Kind.CARD_UNREADABLE, Optional.of("reader"),
                    Optional.empty(), Optional.of(error), "detail");
            assertEquals(error.residentKey(), unreadable.residentKey());
            assertEquals(error.staffKey(), unreadable.staffKey());
            events.add(unreadable);
        }
        return events;
    }

    /** The policy over every kind and tries-left value, and a PinSession driven into every refusal. */
    private static List<PinMessage> pinMessages() {
        List<PinMessage> all = new ArrayList<>();
        for (PinKind kind : PinKind.values()) {
            List<PinScreen> screens = new ArrayList<>();
            for (int tries = 0; tries <= kind.maxTries(); tries++) {
                screens.add(PinAttemptPolicy.beforeEntry(kind, new PinStatus.TriesLeft(tries)));
                screens.add(PinAttemptPolicy.afterAnswer(kind, new PinResult.Wrong(tries)));
            }
            screens.add(PinAttemptPolicy.beforeEntry(kind, new PinStatus.AlreadyVerified()));
            screens.add(PinAttemptPolicy.beforeEntry(kind, new PinStatus.Blocked()));
            screens.add(PinAttemptPolicy.afterAnswer(kind, new PinResult.Verified()));
            screens.add(PinAttemptPolicy.afterAnswer(kind, new PinResult.Blocked()));
            screens.forEach(screen -> all.addAll(screen.messages()));
            all.addAll(sessionMessages(kind));
        }
        return all;
    }

    private static List<PinMessage> sessionMessages(PinKind kind) {
        PinKind other = kind == PinKind.SIGNATURE ? PinKind.AUTHENTICATION : PinKind.SIGNATURE;
        List<PinMessage> found = new ArrayList<>();
        // tries not read yet
        found.add(refusal(new PinSession().submit(kind)));
        // ended
        PinSession ended = new PinSession();
        ended.begin(kind, new PinStatus.TriesLeft(3));
        ended.end();
        found.add(refusal(ended.submit(kind)));
        // wrong kind
        PinSession wrongKind = new PinSession();
        wrongKind.begin(other, new PinStatus.TriesLeft(3));
        found.add(refusal(wrongKind.submit(kind)));
        // blocked, verified
        PinSession blocked = new PinSession();
        blocked.begin(kind, new PinStatus.Blocked());
        found.add(refusal(blocked.submit(kind)));
        PinSession verified = new PinSession();
        verified.begin(kind, new PinStatus.AlreadyVerified());
        found.add(refusal(verified.submit(kind)));
        // incomplete
        PinSession incomplete = new PinSession();
        incomplete.begin(kind, new PinStatus.TriesLeft(3));
        incomplete.entry().orElseThrow().append('1');
        found.add(refusal(incomplete.submit(kind)));
        // checking, then a second OK while checking, then a wrong answer and OK without typing again
        PinSession session = new PinSession();
        session.begin(kind, new PinStatus.TriesLeft(3));
        typeComplete(session, kind);
        assertInstanceOf(SubmitDecision.Accepted.class, session.submit(kind)).submission().close();
        found.addAll(session.screen().orElseThrow().messages());
        found.add(refusal(session.submit(kind)));
        session.answer(new PinResult.Wrong(2));
        found.add(refusal(session.submit(kind)));
        // the card call failed
        PinSession failed = new PinSession();
        failed.begin(kind, new PinStatus.TriesLeft(3));
        typeComplete(failed, kind);
        assertInstanceOf(SubmitDecision.Accepted.class, failed.submit(kind)).submission().close();
        found.addAll(failed.answerFailed().messages());
        return found;
    }

    private static void typeComplete(PinSession session, PinKind kind) {
        SecretEntry entry = session.entry().orElseThrow();
        for (int i = 0; i < SecretEntry.minLength(kind); i++) {
            assertTrue(entry.append('1'));
        }
    }

    private static PinMessage refusal(SubmitDecision decision) {
        return assertInstanceOf(SubmitDecision.Refused.class, decision).reason();
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> names(Properties properties) {
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Map<String, Properties> files() throws IOException {
        Map<String, Properties> files = new TreeMap<>();
        for (String name : FILES) {
            try (InputStream in = BoothMessagesTest.class.getResourceAsStream("/jp/madoguchi/kiosk/" + name)) {
                assertNotNull(in, name);
                Properties properties = new Properties();
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                files.put(name, properties);
            }
        }
        return files;
    }
}

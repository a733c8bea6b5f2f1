package jp.madoguchi.video.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.madoguchi.video.EndReason;
import org.junit.jupiter.api.Test;

/** The video call's sentences: complete in every language, all used, read as UTF-8, never the machine's language. */
class VideoMessagesTest {
    private static final String[] FILES = {"messages.properties", "messages_ja.properties",
            "messages_ja_JP_EASY.properties", "messages_zh.properties", "messages_ko.properties",
            "messages_vi.properties", "messages_pt.properties"};

    @Test
    void everyLanguageHasEveryKeyAndNoEmptySentence() throws Exception {
        Set<String> expected = expectedKeys();
        for (String file : FILES) {
            Properties sentences = load(file);
            assertEquals(expected, new TreeSet<>(sentences.stringPropertyNames()), file);
            for (String key : sentences.stringPropertyNames()) {
                assertFalse(sentences.getProperty(key).isBlank(), file + ": " + key + " is empty");
            }
        }
    }

    @Test
    void everyEndReasonHasASentenceInEveryLanguage() {
        for (Locale language : VideoMessages.LANGUAGES) {
            VideoMessages messages = VideoMessages.of(language);
            for (EndReason reason : EndReason.values()) {
                String sentence = messages.reason(reason);
                assertFalse(sentence.isBlank(), language + " " + reason);
            }
        }
        assertEquals("カメラが ありません。ビデオの でんわが できません。ごめんなさい。あとで もう いちど やって ください。",
                VideoMessages.of(VideoMessages.EASY_JAPANESE).reason(EndReason.CAMERA_NOT_FOUND));
    }

    @Test
    void noKeyInTheBundleIsUnusedByTheCode() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.madoguchi.video");
        JavaClass texts = main.get(VideoText.class);
        for (VideoText text : VideoText.values()) {
            boolean used = texts.getField(text.name()).getAccessesToSelf().stream()
                    .anyMatch(access -> !access.getOriginOwner().equals(texts));
            assertTrue(used, text + " (" + text.key() + ") is in the bundle but no code uses it");
        }
        // the reasons' keys are used through EndReason.messageKey(), which every reason has
        assertTrue(main.get(VideoMessages.class).getMethodCallsFromSelf().stream()
                .anyMatch(call -> call.getName().equals("messageKey")));
    }

    @Test
    void theFilesAreUtf8WithRawCharactersAndNoApostrophesForMessageFormat() throws Exception {
        for (String file : FILES) {
            byte[] bytes = bytes(file);
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new AssertionError(file + " is not UTF-8: Java would silently read it as ISO-8859-1", e);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertFalse(text.contains("\\u"), file + ": write the characters themselves, not \\u escapes");
            Properties sentences = load(file);
            for (String key : sentences.stringPropertyNames()) {
                String sentence = sentences.getProperty(key);
                assertFalse(sentence.contains("'"), file + " " + key + ": an ASCII apostrophe breaks MessageFormat");
                boolean takesAttempt = key.equals(VideoText.STATE_RECONNECTING.key());
                assertEquals(takesAttempt, sentence.contains("{0}"), file + " " + key);
            }
        }
    }

    @Test
    void aBoothNeverFallsBackToTheMachinesLanguage() {
        Locale machine = Locale.getDefault();
        try {
            Locale.setDefault(Locale.KOREAN);
            assertEquals("Connecting...", VideoMessages.of(Locale.FRENCH).text(VideoText.STATE_JOINING));
            assertEquals("Connecting...", VideoMessages.of(Locale.ENGLISH).text(VideoText.STATE_JOINING));
            assertEquals("接続しています…", VideoMessages.of(Locale.JAPAN).text(VideoText.STATE_JOINING));
            assertEquals(Locale.ROOT, VideoMessages.of(Locale.GERMAN).bundleLocale());
        } finally {
            Locale.setDefault(machine);
        }
    }

    @Test
    void eachBoothLanguageComesFromItsOwnFile() {
        Set<Locale> seen = VideoMessages.LANGUAGES.stream().map(l -> VideoMessages.of(l).bundleLocale())
                .collect(Collectors.toSet());
        assertEquals(VideoMessages.LANGUAGES.size(), seen.size(), "each language has its own sentences: " + seen);
        assertEquals(VideoMessages.EASY_JAPANESE, VideoMessages.of(VideoMessages.EASY_JAPANESE).bundleLocale());
        assertEquals("再接続しています（3回目）…",
                VideoMessages.of(Locale.JAPANESE).text(VideoText.STATE_RECONNECTING, 3).split("。")[1]);
        assertEquals("Đang kết nối lại (lần 2)...",
                VideoMessages.of(new Locale("vi")).text(VideoText.STATE_RECONNECTING, 2).split("\\. ")[1]);
    }

    private static Set<String> expectedKeys() {
        return Stream.concat(Arrays.stream(VideoText.values()).map(VideoText::key),
                Arrays.stream(EndReason.values()).map(EndReason::messageKey)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(new String(bytes(file), StandardCharsets.UTF_8)));
        return properties;
    }

    private static byte[] bytes(String file) throws IOException {
        try (InputStream in = EndReason.class.getResourceAsStream(file)) {
            assertNotNull(in, file);
            return in.readAllBytes();
        }
    }
}

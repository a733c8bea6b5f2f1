package jp.madoguchi.forms.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tool speaks Japanese and English alike: same keys, no empty text, no text left unused. */
class ToolMessagesTest {
    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (var in = ToolMessagesTest.class.getResourceAsStream("/jp/madoguchi/forms/cli/messages" + suffix + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void japaneseAndEnglishCarryTheSameTexts() throws IOException {
        Properties en = bundle("");
        Properties ja = bundle("_ja");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(ja.stringPropertyNames()));
        ja.forEach((key, value) -> assertFalse(value.toString().isBlank(), key.toString()));
        assertTrue(ja.getProperty("error.missing_answer").contains("質問"), "the Japanese file is read as UTF-8");
    }

    @Test
    void everyTextIsUsedByTheTool() throws IOException {
        String sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/jp/madoguchi/forms/cli"))) {
            sources = files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        Set<String> unused = bundle("").stringPropertyNames().stream()
                .filter(key -> !sources.contains("\"" + key + "\""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unused);
    }
}

package jp.madoguchi.forms.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.madoguchi.forms.model.CardData;

/**
 * The tool's input files. {@code CARD.json} is what {@code card-reader.jar info --json} prints
 * ({@code name}, {@code address}, {@code birthDate} YYYY-MM-DD, {@code sex} 1/2/9), optionally
 * with {@code nameSubstituted} / {@code addressSubstituted} (0-based positions of 外字). An answers
 * file maps question ids to answers. Problems name the key, never the personal value.
 */
final class InputFiles {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    private static final Set<String> CARD_KEYS = Set.of("name", "address", "birthDate", "sex", "nameSubstituted",
            "addressSubstituted");

    /** A problem with an input file, said for the person who wrote it. */
    static final class InputException extends Exception {
        InputException(String message) {
            super(message);
        }
    }

    private InputFiles() {
    }

    static CardData readCard(Path file) throws IOException, InputException {
        JsonNode root = parse(file);
        if (!root.isObject()) {
            throw new InputException("it must be a JSON object with name, address, birthDate and sex");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String key = names.next();
            if (!CARD_KEYS.contains(key)) {
                throw new InputException("unknown key \"" + key + "\"; the keys are " + CARD_KEYS);
            }
        }
        String name = text(root, "name");
        String address = text(root, "address");
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(text(root, "birthDate"));
        } catch (DateTimeParseException e) {
            throw new InputException("\"birthDate\" must be a date written YYYY-MM-DD");
        }
        String sex = text(root, "sex");
        if (!Set.of("1", "2", "9").contains(sex)) {
            throw new InputException("\"sex\" must be \"1\" (male), \"2\" (female) or \"9\" (not applicable)");
        }
        return new CardData(name, address, birthDate, sex, positions(root, "nameSubstituted", name),
                positions(root, "addressSubstituted", address));
    }

    static Map<String, String> readAnswers(Path file) throws IOException, InputException {
        JsonNode root = parse(file);
        if (!root.isObject()) {
            throw new InputException("it must be a JSON object of question id to answer, e.g. {\"copies\": 2}");
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                answers.put(entry.getKey(), value.asText());
            } else if (value.isIntegralNumber()) {
                answers.put(entry.getKey(), value.asText());
            } else {
                throw new InputException("the answer to \"" + entry.getKey() + "\" must be a string or a whole number");
            }
        }
        return answers;
    }

    private static JsonNode parse(Path file) throws IOException, InputException {
        // Files.newInputStream, not readTree(File): a missing file must be a NoSuchFileException,
        // which the command reports as "does not exist", not a FileNotFoundException
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // only where: Jackson's own message quotes the offending text, which may be a name or address
            var where = e.getLocation();
            throw new InputException(where == null ? "not valid JSON"
                    : "not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
        }
    }

    private static String text(JsonNode root, String key) throws InputException {
        JsonNode node = root.get(key);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InputException("\"" + key + "\" is missing or not a non-empty string");
        }
        return node.asText();
    }

    private static List<Integer> positions(JsonNode root, String key, String value) throws InputException {
        JsonNode node = root.get(key);
        List<Integer> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new InputException("\"" + key + "\" must be an array of character positions");
        }
        int length = value.codePointCount(0, value.length());
        for (JsonNode p : node) {
            if (!p.isInt() || p.asInt() < 0 || p.asInt() >= length) {
                throw new InputException("\"" + key + "\" holds a position outside 0.." + (length - 1));
            }
            out.add(p.asInt());
        }
        return out;
    }
}

package jp.madoguchi.forms.catalogue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML document read into a small tree whose every node remembers the line and column it
 * starts at. Jackson's own tree ({@code JsonNode}) forgets locations, and binding straight to
 * classes stops at the first error; IT staff need every problem, each pointing at its line.
 */
final class LocatedYaml {

    private static final YAMLFactory YAML = new YAMLFactory();

    private LocatedYaml() {
    }

    /** 1-based line and column, as editors number them. */
    record Location(int line, int column) {
        static Location of(JsonLocation location) {
            return new Location(Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
        }
    }

    sealed interface Node permits MapNode, ListNode, ScalarNode {
        Location at();

        /** What the node is, for "must be X, not Y" messages. */
        String describe();
    }

    /** One {@code key: value} of a mapping, with where the key itself is written. */
    record Entry(String key, Location keyAt, Node value) {
    }

    /** A mapping, keys in file order. */
    record MapNode(Location at, Map<String, Entry> entries) implements Node {
        @Override
        public String describe() {
            return "a mapping (key: value lines)";
        }
    }

    record ListNode(Location at, List<Node> items) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** How YAML typed a scalar: {@code 300} is a whole number, {@code "300"} is text. */
    enum ScalarKind {
        TEXT, WHOLE_NUMBER, DECIMAL, BOOLEAN, NULL
    }

    record ScalarNode(Location at, ScalarKind kind, String text) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case TEXT -> "the text '" + text + "'";
                case WHOLE_NUMBER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the value " + text;
                case NULL -> "nothing";
            };
        }
    }

    /** Where a problem is and what it is; the file is added by whoever reads the file. */
    interface ProblemSink {
        void add(Location at, String message);
    }

    /**
     * Reads one YAML document. Problems that do not stop reading (a key written twice) go to
     * {@code problems} and reading continues; a syntax error is reported there too and gives null.
     *
     * @return the root node, or null when the text is not readable YAML or holds no document
     */
    static Node read(String yaml, ProblemSink problems) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Location(1, 1), "the file holds no definition (it is empty or only comments)");
                return null;
            }
            Node root = readValue(parser, problems);
            JsonToken after = parser.nextToken();
            if (after != null) {
                problems.add(Location.of(parser.currentTokenLocation()),
                        "a second YAML document starts here; a definition file holds exactly one (remove the '---' line)");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            problems.add(location == null ? new Location(0, 0) : Location.of(location),
                    "YAML syntax error: " + syntaxMessage(e));
            return null;
        } catch (IOException e) {
            // Reading from a String: only a parser failure can get here.
            problems.add(new Location(0, 0), "could not be read as YAML: " + e.getMessage());
            return null;
        }
    }

    private static Node readValue(JsonParser parser, ProblemSink problems) throws IOException {
        Location at = Location.of(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyAt = Location.of(parser.currentTokenLocation());
                    parser.nextToken();
                    Node value = readValue(parser, problems);
                    Entry earlier = entries.get(key);
                    if (earlier != null) {
                        // YAML forbids it and Jackson would keep the last silently: say which one counts.
                        problems.add(keyAt, "key '" + key + "' is given twice (first on line "
                                + earlier.keyAt().line() + ")");
                    } else {
                        entries.put(key, new Entry(key, keyAt, value));
                    }
                }
                return new MapNode(at, Collections.unmodifiableMap(entries));
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, problems));
                }
                return new ListNode(at, List.copyOf(items));
            }
            case VALUE_STRING:
                return new ScalarNode(at, ScalarKind.TEXT, parser.getText());
            case VALUE_NUMBER_INT:
                return new ScalarNode(at, ScalarKind.WHOLE_NUMBER, parser.getText());
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(at, ScalarKind.DECIMAL, parser.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ScalarNode(at, ScalarKind.BOOLEAN, parser.getText());
            case VALUE_NULL:
                return new ScalarNode(at, ScalarKind.NULL, "");
            default:
                // Embedded binary (!!binary) and the like: nothing a definition uses.
                return new ScalarNode(at, ScalarKind.TEXT, String.valueOf(parser.getText()));
        }
    }

    /**
     * SnakeYAML's message without Jackson's "at [Source: …]" suffix and without the quoted
     * snippet lines (the location already says where).
     */
    private static String syntaxMessage(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (original == null || original.isBlank()) {
            return "the text is not valid YAML";
        }
        List<String> kept = new ArrayList<>();
        for (String line : original.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("in 'reader'") || trimmed.startsWith("in 'string'")
                    || trimmed.startsWith("^") || line.startsWith("    ")) {
                continue;
            }
            kept.add(trimmed);
        }
        String message = kept.isEmpty() ? original.strip() : String.join("; ", kept);
        if (message.contains("\\t(TAB)") || message.contains("'\\t'")) {
            // SnakeYAML's own wording repeats itself; say it once, plainly.
            message = "a tab character here; indent with spaces, not tabs";
        }
        return message;
    }
}

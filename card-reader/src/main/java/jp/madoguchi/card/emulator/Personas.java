package jp.madoguchi.card.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.Sex;

/**
 * Loads {@link Persona personas} from JSON: the built-in ones shipped as classpath resources under
 * {@code jp/madoguchi/card/emulator/personas/} (listed in {@code index.txt}), or any file.
 * Everything is validated at load time; problems are {@link PersonaFormatException}s that name the
 * file and the field. Stateless and thread-safe.
 */
public final class Personas {
    private static final String RESOURCE_DIR = "personas/";
    private static final String INDEX = RESOURCE_DIR + "index.txt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Set<String> KNOWN_FIELDS = Set.of("id", "description", "name", "address", "birthDate", "sex",
            "individualNumber", "authPin", "textPin", "signaturePassword", "authPinTriesLeft", "textPinTriesLeft",
            "signaturePasswordTriesLeft", "nameSubstituted", "addressSubstituted", "tokenLabel");

    private Personas() {
    }

    /** The ids of the personas shipped with the emulator, in index order. */
    public static List<String> builtInIds() {
        try (InputStream in = Personas.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("persona index " + INDEX + " is missing from the classpath");
            }
            List<String> ids = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
            return List.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the persona index", e);
        }
    }

    /**
     * A persona shipped with the emulator, e.g. {@code "default"}.
     *
     * @throws IllegalArgumentException when no built-in persona has this id
     * @throws IllegalStateException when a shipped persona file is broken (a build error)
     */
    public static Persona builtIn(String id) {
        if (!builtInIds().contains(id)) {
            throw new IllegalArgumentException("no built-in persona '" + id + "'; known: " + builtInIds());
        }
        String resource = RESOURCE_DIR + id + ".json";
        try (InputStream in = Personas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("persona " + resource + " is listed but missing");
            }
            Persona persona = parse(in.readAllBytes(), resource);
            if (!persona.id().equals(id)) {
                throw new IllegalStateException(resource + ": field 'id' does not match the file name");
            }
            return persona;
        } catch (IOException e) {
            throw new IllegalStateException("built-in persona " + resource + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Loads a persona from a JSON file. */
    public static Persona load(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses persona JSON.
     *
     * @param source the file or resource name, used in error messages
     */
    public static Persona parse(byte[] json, String source) throws PersonaFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the content; report only the position.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new PersonaFormatException(source, null, "not valid JSON" + where, null);
        } catch (IOException e) {
            throw new PersonaFormatException(source, null, "cannot be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new PersonaFormatException(source, null, "must be a JSON object", null);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN_FIELDS.contains(name)) {
                throw new PersonaFormatException(source, name, "is not a persona field", null);
            }
        }
        FieldReader fields = new FieldReader(root, source);
        try {
            return new Persona(
                    fields.requiredString("id"),
                    fields.optionalString("description", ""),
                    fields.requiredString("name"),
                    fields.requiredString("address"),
                    fields.date("birthDate"),
                    fields.sex("sex"),
                    fields.requiredString("individualNumber"),
                    fields.requiredString("authPin"),
                    fields.requiredString("textPin"),
                    fields.requiredString("signaturePassword"),
                    fields.optionalInt("authPinTriesLeft", PinKind.AUTHENTICATION.maxTries()),
                    fields.optionalInt("textPinTriesLeft", PinKind.TEXT.maxTries()),
                    fields.optionalInt("signaturePasswordTriesLeft", PinKind.SIGNATURE.maxTries()),
                    fields.positions("nameSubstituted"),
                    fields.positions("addressSubstituted"),
                    fields.optionalString("tokenLabel", null));
        } catch (Persona.InvalidFieldException e) {
            throw new PersonaFormatException(source, e.field(), e.problem(), null);
        }
    }

    /** Reads typed fields and reports type problems with the field's name. */
    private record FieldReader(JsonNode root, String source) {
        String requiredString(String field) throws PersonaFormatException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                throw new PersonaFormatException(source, field, "is required", null);
            }
            if (!node.isTextual()) {
                throw new PersonaFormatException(source, field, "must be a string", null);
            }
            return node.textValue();
        }

        String optionalString(String field, String fallback) throws PersonaFormatException {
            JsonNode node = root.get(field);
            return node == null || node.isNull() ? fallback : requiredString(field);
        }

        int optionalInt(String field, int fallback) throws PersonaFormatException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isInt()) {
                throw new PersonaFormatException(source, field, "must be a whole number", null);
            }
            return node.intValue();
        }

        LocalDate date(String field) throws PersonaFormatException {
            String text = requiredString(field);
            if (!DATE.matcher(text).matches()) {
                throw new PersonaFormatException(source, field, "must be a date YYYY-MM-DD", null);
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new PersonaFormatException(source, field, "is not a calendar date", null);
            }
        }

        Sex sex(String field) throws PersonaFormatException {
            String text = requiredString(field);
            try {
                return Sex.fromCode(text);
            } catch (IllegalArgumentException e) {
                throw new PersonaFormatException(source, field, "must be \"1\", \"2\" or \"9\"", null);
            }
        }

        List<Integer> positions(String field) throws PersonaFormatException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new PersonaFormatException(source, field, "must be an array of positions", null);
            }
            List<Integer> positions = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isInt()) {
                    throw new PersonaFormatException(source, field, "must contain only whole numbers", null);
                }
                positions.add(element.intValue());
            }
            return positions;
        }
    }
}

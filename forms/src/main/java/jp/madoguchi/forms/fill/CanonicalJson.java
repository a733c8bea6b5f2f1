package jp.madoguchi.forms.fill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FilledApplication;

/**
 * The one byte sequence of a filled application that the resident signs and headquarters verifies.
 *
 * <p><b>Rules</b> (also in {@code forms/CANONICAL-JSON.md}). They are a strict subset of RFC 8785
 * (JSON Canonicalization Scheme): every document this class accepts is written byte for byte as JCS
 * writes it, and documents JCS would write differently are refused instead.
 * <ol>
 *   <li>UTF-8, no byte order mark, nothing before or after the value.</li>
 *   <li>No insignificant whitespace: no spaces, tabs or newlines between tokens.</li>
 *   <li>Object members sorted by their names compared as sequences of UTF-16 code units (what
 *       {@link String#compareTo} does; a non-BMP character such as 𠮷 sorts by its high surrogate
 *       U+D842, so before ｱ U+FF71). Array elements keep their order.</li>
 *   <li>Strings escape {@code "} as {@code \"}, {@code \} as {@code \\}, U+0008, U+0009, U+000A,
 *       U+000C, U+000D as {@code \b \t \n \f \r}, other characters below U+0020 as {@code &#92;u00xx}
 *       with lower-case hex; every other character, Japanese, U+007F, U+2028 and U+2029 included, is
 *       written as its raw UTF-8 bytes. A lone surrogate is refused (it has no UTF-8 form).</li>
 *   <li>Numbers are integers between −(2^53−1) and 2^53−1 written as plain decimal digits, with
 *       {@code -} for negatives and no {@code +}, leading zeros, fraction or exponent. A fraction or a
 *       larger integer is refused: the application has none, and JCS would write them in a form
 *       that depends on IEEE double formatting.</li>
 *   <li>{@code true}, {@code false} and {@code null} as literals.</li>
 * </ol>
 *
 * <p><b>Content</b> of an application ({@code schema} {@code madoguchi.application/1}):
 * {@code answers} (question id → stored answer), {@code applicant} (from the card: {@code name},
 * {@code address}, {@code birthDate} ISO, {@code sex} ISO 5218, and the 0-based substituted code point
 * positions {@code nameSubstituted} and {@code addressSubstituted}), {@code booth} ({@code id},
 * {@code location}, {@code municipality}), {@code clerkChecks} ({@code field}, {@code positions}),
 * {@code copies}, {@code date} ISO, {@code feeTotal} yen, {@code fields} in layout order ({@code id},
 * {@code label}, {@code section}, {@code value} as written on paper), {@code form} ({@code id},
 * {@code version}), {@code reference}. A null booth text is written as "". {@code applicant} is left
 * out only for an application built without card data.
 *
 * <p>Headquarters re-canonicalises what it receives with {@link #canonicalize(byte[])} and compares
 * bytes. That method parses strictly (duplicate member names and trailing content are refused, as JCS
 * requires); {@link #canonicalize(JsonNode)} cannot see duplicates in a tree parsed without that.
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalJson {

    /** The {@code schema} member: raised when the content's meaning changes. */
    public static final String SCHEMA = "madoguchi.application/1";

    /** The largest integer written: beyond it an IEEE double, and so JCS, loses digits. */
    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf((1L << 53) - 1);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Refuses what a tree would hide: duplicate member names, trailing content. Thread-safe once built. */
    private static final ObjectMapper STRICT_READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {
    }

    /** The canonical JSON of {@code application}: what is signed. */
    public static byte[] of(FilledApplication application) {
        return canonicalize(tree(application));
    }

    /** The application as a JSON tree, before canonical writing (for viewers and tests). */
    public static ObjectNode tree(FilledApplication application) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("schema", SCHEMA);

        ObjectNode form = root.putObject("form");
        form.put("id", application.form().id());
        form.put("version", application.form().version());

        root.put("reference", application.context().reference());
        root.put("date", application.context().date().toString());

        ObjectNode booth = root.putObject("booth");
        booth.put("id", orEmpty(application.context().booth().id()));
        booth.put("location", orEmpty(application.context().booth().location()));
        booth.put("municipality", orEmpty(application.context().booth().municipality()));

        CardData card = application.applicant();
        if (card != null) {
            ObjectNode applicant = root.putObject("applicant");
            applicant.put("name", card.name());
            applicant.put("address", card.address());
            applicant.put("birthDate", card.birthDate().toString());
            applicant.put("sex", card.sex());
            putIntegers(applicant.putArray("nameSubstituted"), card.nameSubstituted());
            putIntegers(applicant.putArray("addressSubstituted"), card.addressSubstituted());
        }

        ObjectNode answers = root.putObject("answers");
        application.answers().forEach(answers::put);

        ArrayNode fields = root.putArray("fields");
        for (FilledApplication.FilledField field : application.fields()) {
            ObjectNode written = fields.addObject();
            written.put("id", field.id());
            written.put("label", orEmpty(field.label()));
            written.put("section", orEmpty(field.section()));
            written.put("value", field.value());
        }

        root.put("copies", application.copies());
        root.put("feeTotal", application.feeTotal());

        ArrayNode checks = root.putArray("clerkChecks");
        for (FilledApplication.ClerkCheck check : application.clerkChecks()) {
            ObjectNode entry = checks.addObject();
            entry.put("field", check.fieldId());
            putIntegers(entry.putArray("positions"), check.positions());
        }
        return root;
    }

    /**
     * The canonical bytes of any JSON tree, by the rules above.
     *
     * @throws IllegalArgumentException for a fraction, an integer beyond ±(2^53−1), a lone surrogate,
     *     or a node that is not JSON (binary, POJO, missing)
     */
    public static byte[] canonicalize(JsonNode node) {
        StringBuilder text = new StringBuilder();
        write(node, text);
        // Lone surrogates were refused above, so UTF-8 encoding cannot substitute '?' for anything.
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses received JSON strictly and returns its canonical bytes, for comparing with the bytes a
     * signature covers.
     *
     * @throws IllegalArgumentException for malformed JSON, a duplicate member name, trailing content,
     *     or anything {@link #canonicalize(JsonNode)} refuses
     */
    public static byte[] canonicalize(byte[] receivedJson) {
        JsonNode tree;
        try {
            tree = STRICT_READER.readTree(receivedJson);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the content (personal data): keep only where it failed.
            var where = e.getLocation();
            throw new IllegalArgumentException(where == null ? "not canonicalisable JSON"
                    : "not canonicalisable JSON at line " + where.getLineNr() + ", column " + where.getColumnNr());
        } catch (IOException e) {
            throw new IllegalArgumentException("not canonicalisable JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("no JSON value");
        }
        return canonicalize(tree);
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeInteger(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            case BINARY, POJO, MISSING -> throw new IllegalArgumentException(
                    "canonical JSON has no " + node.getNodeType() + " values");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<String> names = new ArrayList<>(node.size());
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            names.add(it.next());
        }
        // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 prescribes.
        names.sort(String::compareTo);
        out.append('{');
        boolean first = true;
        for (String name : names) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(name, out);
            out.append(':');
            write(node.get(name), out);
        }
        out.append('}');
    }

    private static void writeInteger(JsonNode node, StringBuilder out) {
        if (!node.isIntegralNumber()) {
            throw new IllegalArgumentException("canonical JSON carries integers only, not fractions");
        }
        BigInteger value = node.bigIntegerValue();
        if (value.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
            throw new IllegalArgumentException("canonical JSON carries integers up to ±(2^53−1) only");
        }
        out.append(value.toString());
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                            throw new IllegalArgumentException("a string holds a lone surrogate");
                        }
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("a string holds a lone surrogate");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void putIntegers(ArrayNode array, List<Integer> values) {
        values.forEach(array::add);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

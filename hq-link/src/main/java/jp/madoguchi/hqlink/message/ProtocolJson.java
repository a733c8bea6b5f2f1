package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the protocol, shared by booth, clerk console and headquarters.
 * <ul>
 * <li>unknown fields are ignored (a newer peer may add fields without raising {@code v});</li>
 * <li>a missing required field, an explicit {@code null} where a value is required, a missing number or
 * boolean, a string where a number is expected, trailing content, or {@code v != 1} is an error;</li>
 * <li>unknown enum values read as {@code UNKNOWN};</li>
 * <li>absent optional fields are omitted when writing; instants are ISO-8601 strings ({@code 2026-11-23T17:44:00Z}).</li>
 * </ul>
 * Thread-safe.
 */
public final class ProtocolJson {
    private static final ObjectMapper MAPPER = newMapper();

    private ProtocolJson() {
    }

    /**
     * A new mapper with the protocol's configuration, for frameworks that want their own instance
     * (e.g. the server's HTTP library). Prefer {@link #read} and {@link #write}, which also translate errors.
     */
    public static ObjectMapper newMapper() {
        SimpleModule instants = new SimpleModule("madoguchi-instants");
        instants.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(value.toString());
            }
        });
        instants.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return (Instant) context.handleUnexpectedToken(Instant.class, parser);
                }
                try {
                    return Instant.parse(parser.getText());
                } catch (DateTimeParseException e) {
                    return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(),
                            "not an ISO-8601 instant such as 2026-11-23T17:44:00Z");
                }
            }
        });
        return JsonMapper.builder()
                .addModule(instants)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** Serialises a message as UTF-8 JSON. */
    public static byte[] writeBytes(Object message) {
        return write(message).getBytes(StandardCharsets.UTF_8);
    }

    /** Serialises a message (or a presence frame, with its {@code type}) as JSON text. */
    public static String write(Object message) {
        try {
            if (message instanceof PresenceFrame frame) {
                return MAPPER.writerFor(PresenceFrame.class).writeValueAsString(frame);
            }
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) throws ProtocolException {
        return read(new String(json, StandardCharsets.UTF_8), type);
    }

    /**
     * Reads one message of the given type.
     *
     * @throws ProtocolException naming the message type and the field, e.g.
     *         {@code malformed SubmissionReceipt: submission receipt: missing required field 'reference'}
     */
    public static <T> T read(String json, Class<T> type) throws ProtocolException {
        if (json == null || json.isBlank()) {
            throw new ProtocolException("malformed " + type.getSimpleName() + ": empty body", null);
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ProtocolException("malformed " + type.getSimpleName() + ": null instead of an object", null);
            }
            return value;
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() != null) {
                throw new ProtocolException.UnknownFrameType(e.getTypeId(), e);
            }
            throw new ProtocolException("malformed " + type.getSimpleName() + ": missing 'type'", e);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("malformed " + type.getSimpleName() + ": " + describe(e), e);
        }
    }

    /** Reads one presence frame; an unknown {@code type} is a {@link ProtocolException.UnknownFrameType}. */
    public static PresenceFrame readFrame(String json) throws ProtocolException {
        return read(json, PresenceFrame.class);
    }

    /** Says what is wrong and where, without quoting any value from the message (it may be personal data). */
    private static String describe(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        if (e instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            String expected = target == null ? "of the wrong type" : "missing, null or not " + describeType(target);
            return path.isEmpty() ? "not a single JSON object of the expected shape" : "field '" + path + "' is " + expected;
        }
        JsonLocation location = e.getLocation();
        return location == null ? "not JSON"
                : "not JSON (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describeType(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char[].class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "a string";
        }
        return "an object";
    }
}

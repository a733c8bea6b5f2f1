package jp.madoguchi.hq.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one place the server's JSON mapper comes from: request and response bodies, error bodies and
 * WebSocket messages all go through it. hq-link's protocol mapper will be plugged in here; until
 * then {@link #standard()} is a strict, conventional mapper.
 */
@FunctionalInterface
public interface HqJson {
    /** The shared, fully configured mapper (thread-safe once configured; do not reconfigure it). */
    ObjectMapper mapper();

    /**
     * hq-link's protocol mapper ({@code ProtocolJson.newMapper()}): what booths and clerk consoles
     * read and write, so both sides agree on every message (unknown fields ignored, {@code v}
     * checked by the message types, instants as ISO-8601 strings, absent optionals left out).
     */
    static HqJson protocol() {
        ObjectMapper mapper = jp.madoguchi.hqlink.message.ProtocolJson.newMapper();
        return () -> mapper;
    }

    /** Strict: unknown properties and trailing tokens are errors; dates are not timestamps. */
    static HqJson standard() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        return () -> mapper;
    }
}

package org.carbonkiosk.protocol.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.carbonkiosk.protocol.MalformedReason;

/**
 * The protocol's strict JSON: UTF-8 only, duplicate keys refused, a single top-level object,
 * nothing after it. Used for everything read from the wire.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    /**
     * Untrusted input is read into a tree that refuses a repeated member itself
     * ({@code FAIL_ON_READING_DUP_TREE_KEY}, reported as a {@link MismatchedInputException}), so a
     * duplicate key is told apart from broken JSON by the exception's type, not its text.
     * Trailing content is checked by {@link #parseObject} itself.
     */
    private static final ObjectMapper UNTRUSTED = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private StrictJson() {
    }

    /** The shared mapper for writing JSON (reading untrusted input goes through {@link #parseObject}). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /**
     * Parses untrusted bytes as one JSON object.
     *
     * @throws MalformedException with {@code bad-json} or {@code duplicate-key}
     */
    public static JsonObject parseObject(byte[] bytes) {
        requireUtf8(bytes);
        JsonNode node;
        try (JsonParser parser = UNTRUSTED.createParser(bytes)) {
            node = UNTRUSTED.readTree(parser);
            if (parser.nextToken() != null) {
                throw new MalformedException(MalformedReason.BAD_JSON, "trailing content after the JSON object");
            }
        } catch (MismatchedInputException e) {
            throw new MalformedException(MalformedReason.DUPLICATE_KEY, "repeated member " + at(e));
        } catch (IOException e) {
            throw new MalformedException(MalformedReason.BAD_JSON, firstLine(String.valueOf(e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new MalformedException(MalformedReason.BAD_JSON, "not a JSON object");
        }
        return new JsonObject((ObjectNode) node);
    }

    private static void requireUtf8(byte[] bytes) {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw new MalformedException(MalformedReason.BAD_JSON, "byte order mark before the JSON text");
        }
        int bad = Utf8.firstInvalid(bytes);
        if (bad >= 0) {
            // A JSON text never holds a raw NUL byte (control characters are escaped in strings and not
            // allowed elsewhere); refusing it also stops Jackson from guessing UTF-16/32.
            throw new MalformedException(MalformedReason.BAD_JSON, bytes[bad] == 0
                    ? "NUL byte: JSON on the wire is UTF-8 only" : "not valid UTF-8 at byte " + bad);
        }
    }

    private static String at(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where == null ? "" : "at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

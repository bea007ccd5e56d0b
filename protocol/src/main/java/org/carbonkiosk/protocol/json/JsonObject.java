package org.carbonkiosk.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.protocol.MalformedReason;

/**
 * Typed, strict access to the members of an untrusted JSON object. Every accessor throws
 * {@link MalformedException} with the precise reason (missing, ill-typed, out of range).
 */
public final class JsonObject {
    private final ObjectNode node;

    JsonObject(ObjectNode node) {
        this.node = node;
    }

    /** Refuses any member not in {@code allowed}. */
    public JsonObject onlyMembers(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new MalformedException(MalformedReason.UNKNOWN_MEMBER, "unknown member '" + name + "'");
            }
        }
        return this;
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public String string(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw illTyped(name, "a string");
        }
        return value.textValue();
    }

    public Optional<String> optionalString(String name) {
        if (!node.has(name) || node.get(name).isNull()) {
            return Optional.empty();
        }
        return Optional.of(string(name));
    }

    public boolean bool(String name) {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw illTyped(name, "true or false");
        }
        return value.booleanValue();
    }

    /** An integer member within [min, max]; a fraction or exponent form is ill-typed. */
    public long integer(String name, long min, long max) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber()) {
            throw illTyped(name, "an integer");
        }
        BigInteger big = value.bigIntegerValue();
        if (big.compareTo(BigInteger.valueOf(min)) < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new MalformedException(MalformedReason.OUT_OF_RANGE,
                    "'" + name + "' must be within [" + min + ", " + max + "]");
        }
        return big.longValue();
    }

    public int intValue(String name, int min, int max) {
        return (int) integer(name, min, max);
    }

    /** A member that must be present and is a string or JSON {@code null} (empty). */
    public Optional<String> nullableString(String name) {
        return required(name).isNull() ? Optional.empty() : Optional.of(string(name));
    }

    /** A member that must be present and is an integer within [min, max] or JSON {@code null} (empty). */
    public Optional<Integer> nullableInt(String name, int min, int max) {
        return required(name).isNull() ? Optional.empty() : Optional.of(intValue(name, min, max));
    }

    public JsonObject object(String name) {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw illTyped(name, "an object");
        }
        return new JsonObject((ObjectNode) value);
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new MalformedException(MalformedReason.MISSING_MEMBER, "missing member '" + name + "'");
        }
        return value;
    }

    private static MalformedException illTyped(String name, String expected) {
        return new MalformedException(MalformedReason.ILL_TYPED_MEMBER, "'" + name + "' must be " + expected);
    }
}

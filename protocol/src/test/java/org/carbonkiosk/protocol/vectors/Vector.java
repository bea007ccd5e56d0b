package org.carbonkiosk.protocol.vectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * One golden vector: a message as it would arrive on {@code kiosk/v1/{d}/event} and what
 * decoding it must give. File format (one JSON object per file, vectors/NAME.json):
 * <pre>
 * {"description":"...","jws":"...",
 *  "expect":{"ok":true,"type":"deposit","eventId":"WH-HS-0001:42","verifies":true}}
 * {"description":"...","jws":"...","expect":{"malformed":"net-mismatch"}}
 * </pre>
 * {@code jws} is the message's bytes as a JSON string (ASCII unless the vector is about
 * non-ASCII bytes); {@code verifies} says whether the signature verifies under the test key.
 */
public record Vector(String name, String description, String jws, Optional<Ok> ok, Optional<String> malformed) {

    /** An expected successful decode. */
    public record Ok(String type, String eventId, boolean verifies) {
    }

    public static Vector ok(String name, String description, String jws, String type, String eventId,
                            boolean verifies) {
        return new Vector(name, description, jws, Optional.of(new Ok(type, eventId, verifies)), Optional.empty());
    }

    public static Vector malformed(String name, String description, String jws, String code) {
        return new Vector(name, description, jws, Optional.empty(), Optional.of(code));
    }

    public byte[] message() {
        return jws.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        ObjectNode o = StrictJson.newObject();
        o.put("description", description);
        o.put("jws", jws);
        ObjectNode expect = o.putObject("expect");
        if (ok.isPresent()) {
            expect.put("ok", true);
            expect.put("type", ok.get().type());
            expect.put("eventId", ok.get().eventId());
            expect.put("verifies", ok.get().verifies());
        } else {
            expect.put("malformed", malformed.orElseThrow());
        }
        try {
            byte[] text = StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
            byte[] withNewline = java.util.Arrays.copyOf(text, text.length + 1);
            withNewline[text.length] = '\n';
            return withNewline;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Vector parse(String name, byte[] json) {
        try {
            JsonObject o = StrictJson.parseObject(json);
            JsonObject expect = o.object("expect");
            if (expect.has("malformed")) {
                return malformed(name, o.string("description"), o.string("jws"), expect.string("malformed"));
            }
            if (!expect.bool("ok")) {
                throw new IllegalArgumentException(name + ": expect.ok must be true or use expect.malformed");
            }
            return ok(name, o.string("description"), o.string("jws"), expect.string("type"),
                    expect.string("eventId"), expect.bool("verifies"));
        } catch (MalformedException e) {
            DecodeResult<Object> r = e.toResult();
            throw new IllegalArgumentException(name + " is not a vector file: " + r, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

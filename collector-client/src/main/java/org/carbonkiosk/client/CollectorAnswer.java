package org.carbonkiosk.client;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * A collector HTTP answer as it came: status, body and {@code Date} header; errors carry
 * {@code {"error","message"}} (PROTOCOL.md section 6). The typed views ({@link #decision()})
 * read the members the apps use.
 */
public record CollectorAnswer(int status, byte[] body, Optional<String> dateHeader) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public Optional<JsonObject> json() {
        try {
            return Optional.of(StrictJson.parseObject(body));
        } catch (MalformedException e) {
            return Optional.empty();
        }
    }

    /** The body as a JSON tree (answers are read loosely; only errors and registry fields are used). */
    public Optional<com.fasterxml.jackson.databind.JsonNode> tree() {
        try {
            return Optional.ofNullable(StrictJson.mapper().readTree(body)).filter(n -> n.isObject());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** {@code GET /api/events/{eventId}}'s answer: the event's current decision. */
    public Optional<EventDecision> decision() {
        return tree().map(EventDecision::from);
    }

    /** The collector's error code, when it sent one. */
    public Optional<String> errorCode() {
        return tree().map(o -> o.path("error").asText("")).filter(code -> !code.isEmpty());
    }

    /** The collector's error code and message, or the body's first characters. */
    public String errorText() {
        return json().map(o -> o.optionalString("error").orElse("?") + ": " + o.optionalString("message").orElse(""))
                .orElseGet(() -> {
                    String text = new String(body, StandardCharsets.UTF_8).strip();
                    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
                });
    }
}

package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.carbonkiosk.protocol.json.StrictJson;

/** An HTTP answer. */
public record Response(int status, String contentType, byte[] body) {

    public static Response json(int status, JsonNode node) {
        return new Response(status, "application/json", StrictJson.write(node));
    }

    public static Response ok(JsonNode node) {
        return json(200, node);
    }

    public static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}

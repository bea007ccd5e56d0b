package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.protocol.json.StrictJson;

/** An HTTP answer, with extra headers (e.g. {@code Set-Cookie}, {@code Location}). */
public record Response(int status, String contentType, byte[] body, List<Header> headers) {

    /** One response header. */
    public record Header(String name, String value) {
    }

    public Response(int status, String contentType, byte[] body) {
        this(status, contentType, body, List.of());
    }

    public static Response json(int status, JsonNode node) {
        return new Response(status, "application/json", StrictJson.write(node));
    }

    public static Response ok(JsonNode node) {
        return json(200, node);
    }

    public static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** 303 See Other to a path of this server. */
    public static Response redirect(String location) {
        return new Response(303, "text/plain; charset=utf-8", new byte[0]).withHeader("Location", location);
    }

    public Response withHeader(String name, String value) {
        List<Header> all = new ArrayList<>(headers);
        all.add(new Header(name, value));
        return new Response(status, contentType, body, List.copyOf(all));
    }

    /** The error code of a JSON error answer ({@code {"error": ...}}), else "ok". */
    public String outcome() {
        if (status < 400) {
            return "ok";
        }
        try {
            JsonNode n = StrictJson.mapper().readTree(body);
            return n != null && n.has("error") ? n.get("error").asText() : "status-" + status;
        } catch (java.io.IOException | RuntimeException e) {
            return "status-" + status;
        }
    }
}

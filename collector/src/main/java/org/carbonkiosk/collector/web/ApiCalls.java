package org.carbonkiosk.collector.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.carbonkiosk.collector.api.Request;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.collector.api.Router;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * The console's calls of the API on behalf of the signed-in token: the same routes, role checks
 * and audit lines as a bearer-token client gets.
 */
final class ApiCalls {
    /** Status, JSON body and the error message when there is one. */
    record Answer(int status, JsonNode json) {
        String message() {
            return json != null && json.has("message") ? json.get("message").asText() : "HTTP " + status;
        }
    }

    private final Router router;

    ApiCalls(Router router) {
        this.router = router;
    }

    Answer get(Ctx x, String path) {
        return call(x, "GET", path, null);
    }

    Answer send(Ctx x, String method, String path, JsonNode body) {
        return call(x, method, path, body);
    }

    private Answer call(Ctx x, String method, String path, JsonNode body) {
        byte[] bytes = body == null ? new byte[0] : StrictJson.write(body);
        Request r = new Request(method, path, List.of(), Map.of(), bytes, Map.of(), null);
        Response answer = router.handleAs(r, x.caller());
        JsonNode json = null;
        if (answer.contentType().startsWith("application/json") && answer.body().length > 0) {
            try {
                json = StrictJson.mapper().readTree(new String(answer.body(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                json = null;
            }
        }
        return new Answer(answer.status(), json);
    }
}

package org.carbonkiosk.collector.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * An HTTP request as the routes see it: path parameters, query, body, headers (names in lower
 * case) and the authenticated caller (null on routes that need no token).
 */
public record Request(String method, String path, List<String> params, Map<String, String> query, byte[] body,
                      Map<String, String> headers, Caller caller) {

    public String param(int i) {
        return params.get(i);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The same request with path parameters and caller set. */
    public Request routed(List<String> newParams, Caller newCaller) {
        return new Request(method, path, List.copyOf(newParams), query, body, headers, newCaller);
    }

    /** The body as a strict JSON object; 400 when it is not one. */
    public JsonObject json() {
        try {
            return StrictJson.parseObject(body);
        } catch (MalformedException e) {
            throw HttpError.badRequest("body: " + e.getMessage());
        }
    }
}

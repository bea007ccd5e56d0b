package org.carbonkiosk.collector.api;

import java.util.List;
import java.util.Map;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/** An HTTP request as the routes see it: path parameters, query, body. */
public record Request(String method, String path, List<String> params, Map<String, String> query, byte[] body) {

    public String param(int i) {
        return params.get(i);
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

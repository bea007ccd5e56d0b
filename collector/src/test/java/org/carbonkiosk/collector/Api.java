package org.carbonkiosk.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.carbonkiosk.protocol.json.StrictJson;

/** A small client of the collector's HTTP API for tests. */
final class Api {
    /** Status and parsed JSON body. */
    record Answer(int status, JsonNode json) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    Api(CollectorApp app) {
        this.base = "http://127.0.0.1:" + app.httpPort();
        this.token = app.adminToken();
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), true);
    }

    Answer post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(
                StrictJson.write(body))), true);
    }

    Answer put(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofByteArray(
                StrictJson.write(body))), true);
    }

    Answer getNoAuth(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
    }

    Answer postNoAuth(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(
                StrictJson.write(body))), false);
    }

    String text(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET()
                            .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder b, boolean auth) {
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = r.body().length == 0 ? null : StrictJson.mapper().readTree(r.body());
            return new Answer(r.statusCode(), json);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    void register(TestKiosk kiosk) {
        ObjectNode body = StrictJson.newObject();
        body.put("deviceId", kiosk.deviceId);
        body.put("kioskType", "recycling-box");
        body.set("publicKey", kiosk.key.publicJwk().toJson());
        body.put("keyVersion", kiosk.keyVersion);
        body.put("location", "test");
        body.put("scaleMode", kiosk.scaleMode);
        Answer a = post("/api/devices", body);
        if (a.status() != 201) {
            throw new IllegalStateException("register failed: " + a);
        }
    }

    Answer bind(String card, String account) {
        ObjectNode body = StrictJson.newObject();
        body.put("account", account);
        return put("/api/cards/" + card, body);
    }
}

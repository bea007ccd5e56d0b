package org.carbonkiosk.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.PublicJwk;

/** The collector's HTTP API (PROTOCOL.md section 6) as the simulator uses it, over the JDK client. */
public final class CollectorClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminToken;

    public CollectorClient(String baseUrl, String adminToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminToken = adminToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code POST /api/devices}: 201 (or 409 with the same key already there is an error). */
    public void registerDevice(String deviceId, boolean claw, PublicJwk publicKey, int keyVersion, String location) {
        ObjectNode body = StrictJson.newObject();
        body.put("deviceId", deviceId);
        body.put("kioskType", claw ? "claw-kiosk" : "recycling-box");
        body.set("publicKey", publicKey.toJson());
        body.put("keyVersion", keyVersion);
        body.put("location", location);
        expect(send("POST", "/api/devices", body), 201, "register " + deviceId);
    }

    /** {@code POST /api/devices/{id}/revoke}. */
    public void revokeDevice(String deviceId) {
        expect(send("POST", "/api/devices/" + deviceId + "/revoke", StrictJson.newObject()), 200, "revoke " + deviceId);
    }

    /** {@code PUT /api/cards/{card}}: binds a card token to an account (and releases its held events). */
    public void bindCard(String card, String account) {
        ObjectNode body = StrictJson.newObject();
        body.put("account", account);
        expect(send("PUT", "/api/cards/" + card, body), 200, "bind a card to " + account);
    }

    /** {@code GET /api/events/{eventId}}: the decision, or empty when the collector does not know it. */
    public Optional<JsonNode> event(String eventId) {
        HttpResponse<String> r = send("GET", "/api/events/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(expect(r, 200, "event " + eventId)));
    }

    /** {@code GET /api/devices/{id}}. */
    public JsonNode device(String deviceId) {
        return json(expect(send("GET", "/api/devices/" + deviceId, null), 200, "device " + deviceId));
    }

    /** {@code GET /metrics} as text. */
    public String metrics() {
        return expect(send("GET", "/metrics", null), 200, "metrics").body();
    }

    private HttpResponse<String> send(String method, String path, ObjectNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(StrictJson.write(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("collector API: " + what + " answered " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return StrictJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("collector API answered no JSON", e);
        }
    }
}

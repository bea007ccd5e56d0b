package org.carbonkiosk.simulator.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.carbonkiosk.client.CollectorAnswer;
import org.carbonkiosk.client.CollectorApi;
import org.carbonkiosk.client.CollectorUnreachableException;
import org.carbonkiosk.client.EnrollmentRequest;
import org.carbonkiosk.client.EventDecision;
import org.carbonkiosk.client.RetryPolicy;
import org.carbonkiosk.protocol.KioskTypes;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.PublicJwk;

/**
 * The shared {@link CollectorApi} as the simulator uses it, with the admin token: one attempt
 * per call, and an answer other than the expected one is an {@link IllegalStateException}.
 */
public final class CollectorClient {
    private final CollectorApi api;

    public CollectorClient(String baseUrl, String adminToken) {
        this.api = new CollectorApi(URI.create(baseUrl), Optional.of(adminToken), RetryPolicy.once());
    }

    public String baseUrl() {
        return api.base().toString();
    }

    /** {@code POST /api/devices} with the kiosk type's default scale: 201 (or 409 with the same key already there is an error). */
    public void registerDevice(String deviceId, boolean claw, PublicJwk publicKey, int keyVersion, String location) {
        String type = claw ? KioskTypes.CLAW_KIOSK : KioskTypes.RECYCLING_BOX;
        registerDevice(deviceId, type, ScaleMode.defaultFor(type), publicKey, keyVersion, location);
    }

    /** {@code POST /api/devices} with the scale mode given. */
    public void registerDevice(String deviceId, String kioskType, ScaleMode scaleMode, PublicJwk publicKey,
                               int keyVersion, String location) {
        expect(call(() -> api.enroll(new EnrollmentRequest(deviceId, kioskType, publicKey, keyVersion, location,
                scaleMode))), 201, "register " + deviceId);
    }

    /** {@code POST /api/devices/{id}/keys}: a rotation; the old key stays valid for events signed before it. */
    public void addKey(String deviceId, PublicJwk publicKey, int keyVersion) {
        ObjectNode body = StrictJson.newObject();
        body.set("publicKey", publicKey.toJson());
        body.put("keyVersion", keyVersion);
        expect(call(() -> api.post("/api/devices/" + deviceId + "/keys", StrictJson.write(body))),
                200, "add key " + keyVersion + " of " + deviceId);
    }

    /** {@code GET /api/accounts/{account}/months/{yyyy-MM}}: the collector's credited grams, cap and deposit counts. */
    public com.fasterxml.jackson.databind.JsonNode accountMonth(String account, String month) {
        return expect(call(() -> api.get("/api/accounts/" + account + "/months/" + month)), 200,
                "month " + month + " of " + account).tree()
                .orElseThrow(() -> new IllegalStateException("collector API: month of " + account + " answered no JSON"));
    }

    /** {@code GET /api/rejections}: the rejected messages kept for audit. */
    public com.fasterxml.jackson.databind.JsonNode rejections() {
        byte[] body = expect(call(() -> api.get("/api/rejections")), 200, "rejections").body();
        try {
            return StrictJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("collector API: rejections answered no JSON", e);
        }
    }

    /** {@code POST /api/devices/{id}/revoke}. */
    public void revokeDevice(String deviceId) {
        expect(call(() -> api.revoke(deviceId)), 200, "revoke " + deviceId);
    }

    /** {@code PUT /api/cards/{card}}: binds a card token to an account (and releases its held events). */
    public void bindCard(String card, String account) {
        expect(call(() -> api.bindCard(card, account)), 200, "bind a card to " + account);
    }

    /** {@code GET /api/events/{eventId}}: the decision, or empty when the collector does not know it. */
    public Optional<EventDecision> event(String eventId) {
        CollectorAnswer answer = call(() -> api.event(eventId));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(answer, 200, "event " + eventId).decision()
                .orElseThrow(() -> new IllegalStateException("collector API: event " + eventId + " answered no JSON")));
    }

    /** {@code GET /api/events/{eventId}} as the collector wrote it (with {@code forwarded}, times, totals). */
    public com.fasterxml.jackson.databind.JsonNode eventJson(String eventId) {
        return expect(call(() -> api.event(eventId)), 200, "event " + eventId).tree()
                .orElseThrow(() -> new IllegalStateException("collector API: event " + eventId + " answered no JSON"));
    }

    /** As {@link #eventJson}, or empty when the collector does not know the event. */
    public Optional<com.fasterxml.jackson.databind.JsonNode> eventJsonIfKnown(String eventId) {
        CollectorAnswer answer = call(() -> api.event(eventId));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(answer, 200, "event " + eventId).tree()
                .orElseThrow(() -> new IllegalStateException("collector API: event " + eventId + " answered no JSON")));
    }

    /** {@code GET /api/devices/{id}}: the registry entry with its live state and seq tracking. */
    public com.fasterxml.jackson.databind.JsonNode device(String deviceId) {
        return expect(call(() -> api.device(deviceId)), 200, "device " + deviceId).tree()
                .orElseThrow(() -> new IllegalStateException("collector API: device " + deviceId + " answered no JSON"));
    }

    /** {@code POST /api/devices/{id}/pickups}: what the hauler's scale weighed when it emptied the kiosk. */
    public void recordPickup(String deviceId, long collectedGrams, OffsetDateTime collectedAt, String by) {
        ObjectNode body = StrictJson.newObject();
        body.put("collectedGrams", collectedGrams);
        body.put("collectedAt", Timestamps.format(collectedAt));
        body.put("by", by);
        expect(call(() -> api.post("/api/devices/" + deviceId + "/pickups",
                StrictJson.write(body))), 201, "pickup at " + deviceId);
    }

    /** {@code GET /metrics} as text. */
    public String metrics() {
        return new String(expect(call(() -> api.get("/metrics")), 200, "metrics").body(), StandardCharsets.UTF_8);
    }

    private interface Call {
        CollectorAnswer run() throws CollectorUnreachableException, InterruptedException;
    }

    private static CollectorAnswer call(Call call) {
        try {
            return call.run();
        } catch (CollectorUnreachableException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static CollectorAnswer expect(CollectorAnswer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException("collector API: " + what + " answered " + answer.status() + " "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer;
    }
}

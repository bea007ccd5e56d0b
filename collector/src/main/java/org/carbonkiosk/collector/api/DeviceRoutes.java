package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.collector.store.DeviceRecord;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.Base64Url;
import org.carbonkiosk.protocol.jws.PublicJwk;
import org.tinylog.Logger;

/** The device registry endpoints: register, rotate keys, revoke, list, show. */
public final class DeviceRoutes {
    private static final Set<String> KIOSK_TYPES = Set.of("recycling-box", "claw-kiosk");
    private static final String ID = "/api/devices/([^/]+)";
    private final Store store;
    private final DeviceLiveState live;
    private final Clock clock;

    public DeviceRoutes(Store store, DeviceLiveState live, Clock clock) {
        this.store = store;
        this.live = live;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.admin("POST", "/api/devices", this::register),
                Route.get("/api/devices", r -> Response.ok(list())),
                Route.get(ID, r -> Response.ok(show(r.param(0)))),
                Route.admin("POST", ID + "/keys", this::addKey),
                Route.admin("POST", ID + "/revoke", this::revoke));
    }

    private Response register(Request r) {
        JsonObject body = r.json();
        String deviceId;
        String kioskType;
        PublicJwk key;
        int keyVersion;
        String location;
        Optional<String> scaleModeText;
        try {
            body.onlyMembers(Set.of("deviceId", "kioskType", "publicKey", "keyVersion", "location", "scaleMode"));
            deviceId = body.string("deviceId");
            kioskType = body.string("kioskType");
            key = jwk(body.object("publicKey"));
            keyVersion = body.has("keyVersion") ? body.intValue("keyVersion", 1, 1_000_000) : 1;
            location = body.optionalString("location").orElse("");
            scaleModeText = body.optionalString("scaleMode");
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (!DeviceId.isValid(deviceId)) {
            throw HttpError.badRequest("deviceId must match ^[A-Z0-9][A-Z0-9-]{2,31}$");
        }
        if (!KIOSK_TYPES.contains(kioskType)) {
            throw HttpError.badRequest("kioskType must be recycling-box or claw-kiosk");
        }
        ScaleMode scaleMode = scaleModeText.isEmpty() ? ScaleMode.defaultFor(kioskType)
                : ScaleMode.fromWire(scaleModeText.get()).orElseThrow(() ->
                        HttpError.badRequest("scaleMode must be bin or tray"));
        String at = clock.instant().toString();
        boolean created = store.db().write(c -> {
            Optional<DeviceRecord> existing = store.devices().find(c, deviceId);
            if (existing.isPresent()) {
                Optional<DeviceRecord.KeyRecord> k = existing.get().key(keyVersion);
                if (k.isPresent() && k.get().publicKeyX().equals(key.x())) {
                    return false;
                }
                throw HttpError.conflict("device-exists", "device " + deviceId + " exists with another key");
            }
            store.devices().insert(c, deviceId, kioskType, location, at, keyVersion, key.x());
            store.integrity().setScaleMode(c, deviceId, scaleMode);
            return true;
        });
        if (created) {
            Logger.info("deviceId={} registered ({}, {} scale, key version {})", deviceId, kioskType,
                    scaleMode.wire(), keyVersion);
        }
        return Response.json(created ? 201 : 200, show(deviceId));
    }

    private Response addKey(Request r) {
        String deviceId = r.param(0);
        JsonObject body = r.json();
        PublicJwk key;
        int keyVersion;
        try {
            body.onlyMembers(Set.of("publicKey", "keyVersion"));
            key = jwk(body.object("publicKey"));
            keyVersion = body.intValue("keyVersion", 1, 1_000_000);
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        String at = clock.instant().toString();
        store.db().write(c -> {
            DeviceRecord d = store.devices().find(c, deviceId).orElseThrow(() -> HttpError.notFound("device"));
            if (d.revoked()) {
                throw HttpError.conflict("device-revoked", "device " + deviceId + " is revoked");
            }
            Optional<DeviceRecord.KeyRecord> k = d.key(keyVersion);
            if (k.isPresent()) {
                if (!k.get().publicKeyX().equals(key.x())) {
                    throw HttpError.conflict("key-version-exists", "key version " + keyVersion + " has another key");
                }
                return null;
            }
            if (keyVersion < d.latestKeyVersion()) {
                throw HttpError.conflict("key-version-old", "key version must be above " + d.latestKeyVersion());
            }
            store.devices().addKey(c, deviceId, keyVersion, key.x(), at);
            Logger.info("deviceId={} key version {} added", deviceId, keyVersion);
            return null;
        });
        return Response.ok(show(deviceId));
    }

    private Response revoke(Request r) {
        String deviceId = r.param(0);
        boolean found = store.db().write(c -> store.devices().revoke(c, deviceId, clock.instant().toString()));
        if (!found) {
            throw HttpError.notFound("device");
        }
        Logger.info("deviceId={} revoked", deviceId);
        return Response.ok(show(deviceId));
    }

    private static PublicJwk jwk(JsonObject o) {
        DecodeResult<PublicJwk> k = PublicJwk.fromJson(o);
        if (k instanceof DecodeResult.Malformed<PublicJwk> m) {
            throw HttpError.badRequest("publicKey: " + m.detail());
        }
        return k.value();
    }

    private ArrayNode list() {
        ArrayNode all = StrictJson.mapper().createArrayNode();
        store.db().read(c -> {
            for (DeviceRecord d : store.devices().list(c)) {
                all.add(json(d, store.devices().missingSeqs(c, d.deviceId()), store.integrity().kiosk(c, d.deviceId())));
            }
            return null;
        });
        return all;
    }

    private ObjectNode show(String deviceId) {
        return store.db().read(c -> {
            DeviceRecord d = store.devices().find(c, deviceId).orElseThrow(() -> HttpError.notFound("device"));
            return json(d, store.devices().missingSeqs(c, deviceId), store.integrity().kiosk(c, deviceId));
        });
    }

    private ObjectNode json(DeviceRecord d, List<Long> missing, KioskState integrity) {
        ObjectNode o = StrictJson.newObject();
        o.put("deviceId", d.deviceId());
        o.put("kioskType", d.kioskType());
        o.put("location", d.location());
        o.put("createdAt", d.createdAt());
        o.put("revoked", d.revoked());
        d.revokedAt().ifPresentOrElse(t -> o.put("revokedAt", t), () -> o.putNull("revokedAt"));
        ArrayNode keys = o.putArray("keys");
        List<DeviceRecord.KeyRecord> versions = d.keys(); // by key version
        for (int i = 0; i < versions.size(); i++) {
            DeviceRecord.KeyRecord k = versions.get(i);
            ObjectNode ko = keys.addObject();
            ko.put("keyVersion", k.keyVersion());
            ko.set("publicKey", new PublicJwk(Base64Url.decode(k.publicKeyX()).value()).toJson());
            ko.put("addedAt", k.addedAt());
            // retired by the next rotation: verifies events up to then plus keys.rotationGrace
            if (i + 1 < versions.size()) {
                ko.put("retiredAt", versions.get(i + 1).addedAt());
            } else {
                ko.putNull("retiredAt");
            }
        }
        DeviceLiveState.Live l = live.of(d.deviceId());
        o.put("online", l.online());
        l.lastSeen().ifPresentOrElse(t -> o.put("lastSeen", t.toString()), () -> o.putNull("lastSeen"));
        l.agent().ifPresentOrElse(a -> o.put("agent", a), () -> o.putNull("agent"));
        l.binFillPercent().ifPresentOrElse(b -> o.put("binFillPercent", b), () -> o.putNull("binFillPercent"));
        l.outboxDepth().ifPresentOrElse(b -> o.put("outboxDepth", b), () -> o.putNull("outboxDepth"));
        o.put("lastSeq", d.lastSeq());
        ArrayNode gaps = o.putArray("missingSeqs");
        missing.forEach(gaps::add);
        putIntegrity(o, integrity);
        return o;
    }

    /** {@code scaleMode} and {@code flagged} (null, or the reason, who and when). */
    static void putIntegrity(ObjectNode o, KioskState k) {
        o.put("scaleMode", k.scaleMode().wire());
        k.flag().ifPresentOrElse(f -> {
            ObjectNode fo = o.putObject("flagged");
            fo.put("reason", f.reason());
            fo.put("by", f.by());
            fo.put("at", f.at());
        }, () -> o.putNull("flagged"));
    }
}

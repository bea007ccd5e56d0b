package org.carbonkiosk.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.protocol.KioskTypes;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.PublicJwk;

/**
 * The body of {@code POST /api/devices} (PROTOCOL.md section 6), which is also the provisioning
 * tool's offline enrollment file: public data only, never a secret.
 */
public record EnrollmentRequest(String deviceId, String kioskType, PublicJwk publicKey, int keyVersion, String location) {
    private static final Set<String> MEMBERS = Set.of("deviceId", "kioskType", "publicKey", "keyVersion", "location");

    public EnrollmentRequest {
        DeviceId.require(deviceId);
        if (!KioskTypes.ALL.contains(kioskType)) {
            throw new IllegalArgumentException("kioskType must be recycling-box or claw-kiosk, was '" + kioskType + "'");
        }
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(location, "location");
        if (keyVersion < 1) {
            throw new IllegalArgumentException("keyVersion must be at least 1");
        }
    }

    public byte[] toJson() {
        ObjectNode o = StrictJson.newObject();
        o.put("deviceId", deviceId);
        o.put("kioskType", kioskType);
        o.set("publicKey", publicKey.toJson());
        o.put("keyVersion", keyVersion);
        o.put("location", location);
        return StrictJson.write(o);
    }

    /** Reads an enrollment file strictly; the problem is a plain sentence. A JWK with a private part is refused. */
    public static DecodeResult<EnrollmentRequest> parse(byte[] json) {
        try {
            JsonObject o = StrictJson.parseObject(json).onlyMembers(MEMBERS);
            DecodeResult<PublicJwk> key = PublicJwk.fromJson(o.object("publicKey"));
            if (!key.isOk()) {
                return key.map(k -> null);
            }
            return DecodeResult.ok(new EnrollmentRequest(o.string("deviceId"), o.string("kioskType"), key.value(),
                    o.intValue("keyVersion", 1, Integer.MAX_VALUE), o.string("location")));
        } catch (MalformedException e) {
            return e.toResult();
        } catch (IllegalArgumentException e) {
            return DecodeResult.malformed(org.carbonkiosk.protocol.MalformedReason.OUT_OF_RANGE, e.getMessage());
        }
    }
}

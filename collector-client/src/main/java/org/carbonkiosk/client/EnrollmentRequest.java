package org.carbonkiosk.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.protocol.ScaleMode;
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
public record EnrollmentRequest(String deviceId, String kioskType, PublicJwk publicKey, int keyVersion, String location,
                                ScaleMode scaleMode) {
    private static final Set<String> MEMBERS = Set.of("deviceId", "kioskType", "publicKey", "keyVersion", "location",
            "scaleMode");

    /** A kiosk whose scale is its type's default ({@code bin} for a recycling box, {@code tray} for a claw kiosk). */
    public EnrollmentRequest(String deviceId, String kioskType, PublicJwk publicKey, int keyVersion, String location) {
        this(deviceId, kioskType, publicKey, keyVersion, location, ScaleMode.defaultFor(kioskType));
    }

    public EnrollmentRequest {
        DeviceId.require(deviceId);
        if (!KioskTypes.ALL.contains(kioskType)) {
            throw new IllegalArgumentException("kioskType must be recycling-box or claw-kiosk, was '" + kioskType + "'");
        }
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(scaleMode, "scaleMode");
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
        o.put("scaleMode", scaleMode.wire());
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
            String kioskType = o.string("kioskType");
            Optional<String> mode = o.optionalString("scaleMode");
            ScaleMode scaleMode = mode.isEmpty() ? ScaleMode.defaultFor(kioskType) : ScaleMode.fromWire(mode.get())
                    .orElseThrow(() -> new IllegalArgumentException("scaleMode must be bin or tray"));
            return DecodeResult.ok(new EnrollmentRequest(o.string("deviceId"), kioskType, key.value(),
                    o.intValue("keyVersion", 1, Integer.MAX_VALUE), o.string("location"), scaleMode));
        } catch (MalformedException e) {
            return e.toResult();
        } catch (IllegalArgumentException e) {
            return DecodeResult.malformed(org.carbonkiosk.protocol.MalformedReason.OUT_OF_RANGE, e.getMessage());
        }
    }
}

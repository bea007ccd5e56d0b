package org.carbonkiosk.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/** A kiosk's periodic telemetry (QoS 0, unsigned, informational only). */
public record Telemetry(int binFillPercent, int scaleZeroGrams, long outboxDepth, long diskFreeBytes, long uptimeS,
                        OffsetDateTime at) {
    private static final Set<String> MEMBERS = Set.of("binFillPercent", "scaleZeroGrams", "outboxDepth",
            "diskFreeBytes", "uptimeS", "at");

    public Telemetry {
        Objects.requireNonNull(at, "at");
    }

    public byte[] encode() {
        ObjectNode o = StrictJson.newObject();
        o.put("binFillPercent", binFillPercent);
        o.put("scaleZeroGrams", scaleZeroGrams);
        o.put("outboxDepth", outboxDepth);
        o.put("diskFreeBytes", diskFreeBytes);
        o.put("uptimeS", uptimeS);
        o.put("at", Timestamps.format(at));
        return StrictJson.write(o);
    }

    public static DecodeResult<Telemetry> decode(byte[] json) {
        try {
            JsonObject o = StrictJson.parseObject(json).onlyMembers(MEMBERS);
            OffsetDateTime at = Timestamps.parse(o.string("at")).orElseThrow(() ->
                    new MalformedException(MalformedReason.BAD_TIMESTAMP, "'at' is not an RFC 3339 date-time"));
            return DecodeResult.ok(new Telemetry(o.intValue("binFillPercent", 0, 100),
                    o.intValue("scaleZeroGrams", -1_000_000, 1_000_000), o.integer("outboxDepth", 0, Long.MAX_VALUE),
                    o.integer("diskFreeBytes", 0, Long.MAX_VALUE), o.integer("uptimeS", 0, Long.MAX_VALUE), at));
        } catch (MalformedException e) {
            return e.toResult();
        }
    }
}

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

/** The retained {@code status} message; the {@code offline} form is the device's Last Will. */
public record DeviceStatus(boolean online, String agent, OffsetDateTime at) {
    private static final Set<String> MEMBERS = Set.of("state", "agent", "at");

    public DeviceStatus {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(at, "at");
    }

    public byte[] encode() {
        ObjectNode o = StrictJson.newObject();
        o.put("state", online ? "online" : "offline");
        o.put("agent", agent);
        o.put("at", Timestamps.format(at));
        return StrictJson.write(o);
    }

    public static DecodeResult<DeviceStatus> decode(byte[] json) {
        try {
            JsonObject o = StrictJson.parseObject(json).onlyMembers(MEMBERS);
            String state = o.string("state");
            if (!state.equals("online") && !state.equals("offline")) {
                throw new MalformedException(MalformedReason.OUT_OF_RANGE, "state must be online or offline");
            }
            OffsetDateTime at = Timestamps.parse(o.string("at")).orElseThrow(() ->
                    new MalformedException(MalformedReason.BAD_TIMESTAMP, "'at' is not an RFC 3339 date-time"));
            return DecodeResult.ok(new DeviceStatus(state.equals("online"), o.string("agent"), at));
        } catch (MalformedException e) {
            return e.toResult();
        }
    }
}

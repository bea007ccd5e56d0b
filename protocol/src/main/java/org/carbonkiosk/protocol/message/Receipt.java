package org.carbonkiosk.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * The collector's answer to an event, on {@code kiosk/v1/{d}/receipt} (PROTOCOL.md section 5).
 * The month totals are present when the event is attributed to an account and month (a
 * credited decision); otherwise they are JSON {@code null}.
 *
 * @param repeat true when this answers a second copy of an event already decided
 */
public record Receipt(String eventId, DecisionStatus status, int creditedGrams, Optional<Integer> monthCreditedGrams,
                      Optional<Integer> monthCapGrams, Optional<Reason> reason, boolean repeat) {
    private static final Set<String> MEMBERS = Set.of("eventId", "status", "creditedGrams", "monthCreditedGrams",
            "monthCapGrams", "reason", "repeat");

    public Receipt {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(monthCreditedGrams, "monthCreditedGrams");
        Objects.requireNonNull(monthCapGrams, "monthCapGrams");
        Objects.requireNonNull(reason, "reason");
    }

    public Receipt asRepeat() {
        return new Receipt(eventId, status, creditedGrams, monthCreditedGrams, monthCapGrams, reason, true);
    }

    public byte[] encode() {
        ObjectNode o = StrictJson.newObject();
        o.put("eventId", eventId);
        o.put("status", status.wire());
        o.put("creditedGrams", creditedGrams);
        if (monthCreditedGrams.isPresent()) {
            o.put("monthCreditedGrams", monthCreditedGrams.get());
        } else {
            o.putNull("monthCreditedGrams");
        }
        if (monthCapGrams.isPresent()) {
            o.put("monthCapGrams", monthCapGrams.get());
        } else {
            o.putNull("monthCapGrams");
        }
        if (reason.isPresent()) {
            o.put("reason", reason.get().wire());
        } else {
            o.putNull("reason");
        }
        o.put("repeat", repeat);
        return StrictJson.write(o);
    }

    public static DecodeResult<Receipt> decode(byte[] json) {
        try {
            JsonObject o = StrictJson.parseObject(json).onlyMembers(MEMBERS);
            DecisionStatus status = DecisionStatus.fromWire(o.string("status")).orElseThrow(() ->
                    new MalformedException(org.carbonkiosk.protocol.MalformedReason.OUT_OF_RANGE, "unknown status"));
            Optional<Reason> reason = o.optionalString("reason").map(r -> Reason.fromWire(r).orElseThrow(() ->
                    new MalformedException(org.carbonkiosk.protocol.MalformedReason.OUT_OF_RANGE, "unknown reason")));
            return DecodeResult.ok(new Receipt(o.string("eventId"), status,
                    o.intValue("creditedGrams", 0, Integer.MAX_VALUE),
                    o.optionalInt("monthCreditedGrams", 0, Integer.MAX_VALUE),
                    o.optionalInt("monthCapGrams", 0, Integer.MAX_VALUE), reason, o.bool("repeat")));
        } catch (MalformedException e) {
            return e.toResult();
        }
    }
}

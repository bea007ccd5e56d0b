package org.carbonkiosk.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;
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

    /** The decision this receipt reports. */
    public Decision decision() {
        return new Decision(status, reason, creditedGrams);
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

    /**
     * Decodes a receipt strictly: every member present ({@code null} where the contract allows
     * it), nothing else, and a status, reason and creditedGrams that form a valid {@link Decision}.
     */
    public static DecodeResult<Receipt> decode(byte[] json) {
        try {
            JsonObject o = StrictJson.parseObject(json).onlyMembers(MEMBERS);
            String eventId = o.string("eventId");
            DecisionStatus status = DecisionStatus.fromWire(o.string("status")).orElseThrow(() ->
                    new MalformedException(MalformedReason.OUT_OF_RANGE, "unknown status"));
            int creditedGrams = o.intValue("creditedGrams", 0, Integer.MAX_VALUE);
            Optional<Integer> monthCredited = o.nullableInt("monthCreditedGrams", 0, Integer.MAX_VALUE);
            Optional<Integer> monthCap = o.nullableInt("monthCapGrams", 0, Integer.MAX_VALUE);
            Optional<Reason> reason = o.nullableString("reason").map(r -> Reason.fromWire(r).orElseThrow(() ->
                    new MalformedException(MalformedReason.OUT_OF_RANGE, "unknown reason '" + r + "'")));
            boolean repeat = o.bool("repeat");
            try {
                new Decision(status, reason, creditedGrams);
            } catch (IllegalArgumentException e) {
                throw new MalformedException(MalformedReason.OUT_OF_RANGE, "inconsistent decision: " + e.getMessage());
            }
            return DecodeResult.ok(new Receipt(eventId, status, creditedGrams, monthCredited, monthCap, reason, repeat));
        } catch (MalformedException e) {
            return e.toResult();
        }
    }
}

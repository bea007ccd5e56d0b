package org.carbonkiosk.protocol.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.protocol.MalformedReason;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * The event payload's JSON form (PROTOCOL.md section 4). Encoding writes members in the
 * contract's order; decoding is strict and returns a precise reason for anything off.
 */
public final class EventCodec {
    private static final Set<String> ENVELOPE = Set.of("v", "type", "eventId", "deviceId", "seq",
            "occurredAt", "clockSynced", "agent");
    private static final Set<String> DEPOSIT = union(ENVELOPE, "card", "material", "tareGrams", "grossGrams",
            "netGrams", "calibratedAt");
    private static final Set<String> CLAW_PLAY = union(ENVELOPE, "plays", "forEventId");
    private static final Set<String> PRIZE = union(ENVELOPE, "slot");
    private static final Set<String> BIN_EMPTIED = union(ENVELOPE, "removedGrams", "card", "binGramsAfter");

    private EventCodec() {
    }

    public static byte[] encode(KioskEvent event) {
        Envelope e = event.envelope();
        ObjectNode o = StrictJson.newObject();
        o.put("v", Envelope.VERSION);
        o.put("type", event.type().wire());
        o.put("eventId", e.eventId());
        o.put("deviceId", e.deviceId());
        o.put("seq", e.seq());
        if (event instanceof DepositEvent d) {
            o.put("card", d.card());
            o.put("material", d.material().wire());
            o.put("tareGrams", d.tareGrams());
            o.put("grossGrams", d.grossGrams());
            o.put("netGrams", d.netGrams());
        } else if (event instanceof ClawPlayEvent c) {
            o.put("plays", c.plays());
            o.put("forEventId", c.forEventId());
        } else if (event instanceof PrizeEvent p) {
            o.put("slot", p.slot());
        } else if (event instanceof BinEmptiedEvent b) {
            o.put("removedGrams", b.removedGrams());
            o.put("card", b.card());
            o.put("binGramsAfter", b.binGramsAfter());
        }
        o.put("occurredAt", Timestamps.format(e.occurredAt()));
        o.put("clockSynced", e.clockSynced());
        if (event instanceof DepositEvent d && d.calibratedAt().isPresent()) {
            o.put("calibratedAt", Timestamps.format(d.calibratedAt().get()));
        }
        o.put("agent", e.agent());
        return StrictJson.write(o);
    }

    /** Decodes a payload; never throws on bad input. */
    public static DecodeResult<KioskEvent> decode(byte[] payload) {
        try {
            return DecodeResult.ok(read(StrictJson.parseObject(payload)));
        } catch (MalformedException e) {
            return e.toResult();
        } catch (IllegalArgumentException e) {
            // a record invariant the checks above missed: still a bad message, never an exception
            return DecodeResult.malformed(MalformedReason.OUT_OF_RANGE, String.valueOf(e.getMessage()));
        }
    }

    private static KioskEvent read(JsonObject o) {
        long v = o.integer("v", Long.MIN_VALUE, Long.MAX_VALUE);
        if (v != Envelope.VERSION) {
            throw new MalformedException(MalformedReason.UNSUPPORTED_VERSION, "v must be 1, was " + v);
        }
        String typeName = o.string("type");
        EventType type = EventType.fromWire(typeName).orElseThrow(() ->
                new MalformedException(MalformedReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "'"));
        o.onlyMembers(switch (type) {
            case DEPOSIT -> DEPOSIT;
            case CLAW_PLAY -> CLAW_PLAY;
            case PRIZE -> PRIZE;
            case BIN_EMPTIED -> BIN_EMPTIED;
            case DOOR_FORCED, TAMPER -> ENVELOPE;
        });
        Envelope envelope = readEnvelope(o);
        return switch (type) {
            case DEPOSIT -> readDeposit(o, envelope);
            case CLAW_PLAY -> new ClawPlayEvent(envelope, o.intValue("plays", 1, ClawPlayEvent.MAX_PLAYS),
                    readEventId(o, "forEventId"));
            case PRIZE -> new PrizeEvent(envelope, o.intValue("slot", 0, PrizeEvent.MAX_SLOT));
            case DOOR_FORCED -> new DoorForcedEvent(envelope);
            case TAMPER -> new TamperEvent(envelope);
            case BIN_EMPTIED -> readBinEmptied(o, envelope);
        };
    }

    private static Envelope readEnvelope(JsonObject o) {
        String deviceId = o.string("deviceId");
        if (!DeviceId.isValid(deviceId)) {
            throw new MalformedException(MalformedReason.BAD_DEVICE_ID, "deviceId does not match the pattern");
        }
        long seq = o.integer("seq", 1, Envelope.MAX_SEQ);
        String eventId = o.string("eventId");
        if (!eventId.equals(Envelope.eventId(deviceId, seq))) {
            throw new MalformedException(MalformedReason.EVENT_ID_MISMATCH, "eventId must be deviceId:seq");
        }
        OffsetDateTime occurredAt = timestamp(o, "occurredAt");
        boolean clockSynced = o.bool("clockSynced");
        String agent = o.string("agent");
        if (agent.isEmpty() || agent.length() > Envelope.MAX_AGENT_LENGTH) {
            throw new MalformedException(MalformedReason.OUT_OF_RANGE, "agent must be 1 to 32 characters");
        }
        return new Envelope(deviceId, seq, occurredAt, clockSynced, agent);
    }

    private static DepositEvent readDeposit(JsonObject o, Envelope envelope) {
        String card = o.string("card");
        if (!CardToken.isValid(card)) {
            throw new MalformedException(MalformedReason.BAD_CARD, "card must be 64 lowercase hex characters");
        }
        String materialName = o.string("material");
        Material material = Material.fromWire(materialName).orElseThrow(() ->
                new MalformedException(MalformedReason.BAD_MATERIAL, "unknown material '" + materialName + "'"));
        int max = DepositEvent.MAX_ABS_WEIGHT_GRAMS;
        int tare = o.intValue("tareGrams", -max, max);
        int gross = o.intValue("grossGrams", -max, max);
        int net = o.intValue("netGrams", -2 * max, 2 * max);
        if (net != gross - tare) {
            throw new MalformedException(MalformedReason.NET_MISMATCH, "netGrams must equal grossGrams - tareGrams");
        }
        Optional<OffsetDateTime> calibratedAt = o.has("calibratedAt")
                ? Optional.of(timestamp(o, "calibratedAt")) : Optional.empty();
        return new DepositEvent(envelope, card, material, tare, gross, net, calibratedAt);
    }

    private static BinEmptiedEvent readBinEmptied(JsonObject o, Envelope envelope) {
        int max = DepositEvent.MAX_ABS_WEIGHT_GRAMS;
        int removed = o.intValue("removedGrams", -max, max);
        String card = o.string("card");
        if (!CardToken.isValid(card)) {
            throw new MalformedException(MalformedReason.BAD_CARD, "card must be 64 lowercase hex characters");
        }
        int after = o.intValue("binGramsAfter", -max, max);
        return new BinEmptiedEvent(envelope, removed, card, after);
    }

    private static String readEventId(JsonObject o, String name) {
        String value = o.string(name);
        if (!Envelope.isValidEventId(value)) {
            throw new MalformedException(MalformedReason.ILL_TYPED_MEMBER, "'" + name + "' must be an eventId");
        }
        return value;
    }

    private static OffsetDateTime timestamp(JsonObject o, String name) {
        String text = o.string(name);
        return Timestamps.parse(text).orElseThrow(() ->
                new MalformedException(MalformedReason.BAD_TIMESTAMP, "'" + name + "' is not an RFC 3339 date-time"));
    }

    private static Set<String> union(Set<String> base, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}

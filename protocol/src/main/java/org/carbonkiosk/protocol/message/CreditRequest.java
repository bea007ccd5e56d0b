package org.carbonkiosk.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * The body of {@code POST /v1/credits} to the ledger (PROTOCOL.md section 7). The collector
 * never sends two different bodies under one {@code creditId}.
 *
 * @param month      {@code yyyy-MM}, Asia/Shanghai
 * @param occurredAt the event's {@code occurredAt} exactly as the kiosk wrote it
 * @param evidence   the event's JWS compact form
 */
public record CreditRequest(String creditId, String account, int grams, String month, String occurredAt,
                            String deviceId, int netGrams, String scenario, String ruleVersion, String evidence) {
    public static final String SCENARIO = "renewable-recycling";
    private static final Set<String> MEMBERS = Set.of("creditId", "account", "grams", "month", "occurredAt",
            "deviceId", "netGrams", "scenario", "ruleVersion", "evidence");

    public CreditRequest {
        Objects.requireNonNull(creditId, "creditId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(ruleVersion, "ruleVersion");
        Objects.requireNonNull(evidence, "evidence");
        if (grams <= 0) {
            throw new IllegalArgumentException("only credits above 0 g are forwarded");
        }
    }

    public byte[] encode() {
        ObjectNode o = StrictJson.newObject();
        o.put("creditId", creditId);
        o.put("account", account);
        o.put("grams", grams);
        o.put("month", month);
        o.put("occurredAt", occurredAt);
        o.put("deviceId", deviceId);
        o.put("netGrams", netGrams);
        o.put("scenario", scenario);
        o.put("ruleVersion", ruleVersion);
        o.put("evidence", evidence);
        return StrictJson.write(o);
    }

    /** Decodes a body strictly (the stub ledger of the tests uses it); never throws on bad input. */
    public static DecodeResult<CreditRequest> decode(byte[] json) {
        try {
            JsonObject o = StrictJson.parseObject(json).onlyMembers(MEMBERS);
            CreditRequest request = new CreditRequest(o.string("creditId"), o.string("account"),
                    o.intValue("grams", 1, Integer.MAX_VALUE), o.string("month"), o.string("occurredAt"),
                    o.string("deviceId"), o.intValue("netGrams", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    o.string("scenario"), o.string("ruleVersion"), o.string("evidence"));
            if (!org.carbonkiosk.protocol.event.Envelope.isValidEventId(request.creditId())) {
                throw new MalformedException(org.carbonkiosk.protocol.MalformedReason.EVENT_ID_MISMATCH,
                        "creditId must be an eventId");
            }
            if (!org.carbonkiosk.protocol.DeviceId.isValid(request.deviceId())) {
                throw new MalformedException(org.carbonkiosk.protocol.MalformedReason.BAD_DEVICE_ID, "bad deviceId");
            }
            if (!request.month().matches("\\d{4}-(0[1-9]|1[0-2])")) {
                throw new MalformedException(org.carbonkiosk.protocol.MalformedReason.BAD_TIMESTAMP,
                        "month must be yyyy-MM");
            }
            if (org.carbonkiosk.protocol.event.Timestamps.parse(request.occurredAt()).isEmpty()) {
                throw new MalformedException(org.carbonkiosk.protocol.MalformedReason.BAD_TIMESTAMP,
                        "occurredAt is not an RFC 3339 date-time");
            }
            return DecodeResult.ok(request);
        } catch (MalformedException | IllegalArgumentException e) {
            return e instanceof MalformedException m ? m.toResult()
                    : DecodeResult.malformed(org.carbonkiosk.protocol.MalformedReason.OUT_OF_RANGE, e.getMessage());
        }
    }
}

package org.carbonkiosk.protocol.jws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.MalformedReason;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * The protected header of an event JWS: exactly {@code {"alg":"EdDSA","kid":"D/n","typ":"kiosk-event"}}.
 */
public record EventHeader(Kid kid) {
    public static final String ALG = "EdDSA";
    public static final String TYP = "kiosk-event";
    private static final Set<String> MEMBERS = Set.of("alg", "kid", "typ");

    public byte[] encode() {
        ObjectNode o = StrictJson.newObject();
        o.put("alg", ALG);
        o.put("kid", kid.toString());
        o.put("typ", TYP);
        return StrictJson.write(o);
    }

    public static DecodeResult<EventHeader> decode(byte[] header) {
        try {
            JsonObject o = StrictJson.parseObject(header);
            // alg first: a wrong algorithm (including "none") is the most important thing to name.
            if (o.has("alg") && !ALG.equals(safeString(o, "alg"))) {
                return DecodeResult.malformed(MalformedReason.UNSUPPORTED_ALG, "alg must be EdDSA");
            }
            try {
                o.onlyMembers(MEMBERS);
                o.string("alg");
                if (!TYP.equals(o.string("typ"))) {
                    return DecodeResult.malformed(MalformedReason.BAD_HEADER, "typ must be kiosk-event");
                }
                return Kid.parse(o.string("kid")).map(EventHeader::new);
            } catch (MalformedException e) {
                return DecodeResult.malformed(MalformedReason.BAD_HEADER, "header: " + e.getMessage());
            }
        } catch (MalformedException e) {
            return DecodeResult.malformed(MalformedReason.BAD_HEADER, "header: " + e.getMessage());
        }
    }

    private static String safeString(JsonObject o, String name) {
        try {
            return o.string(name);
        } catch (MalformedException e) {
            return null;
        }
    }
}

package org.carbonkiosk.protocol.jws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        DecodeResult<EventHeader> exact = decodeCanonical(header);
        if (exact != null) {
            return exact;
        }
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

    private static final byte[] CANONICAL_START = "{\"alg\":\"EdDSA\",\"kid\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANONICAL_END = "\",\"typ\":\"kiosk-event\"}".getBytes(StandardCharsets.US_ASCII);

    /**
     * The fast path for the header exactly as {@link #encode()} writes it (what every kiosk
     * sends): the same answer as the general path, without building a JSON tree. Null when the
     * header is written any other way; the general path then decides.
     */
    private static DecodeResult<EventHeader> decodeCanonical(byte[] h) {
        int start = CANONICAL_START.length;
        int end = h.length - CANONICAL_END.length;
        if (end <= start || !Arrays.equals(h, 0, start, CANONICAL_START, 0, start)
                || !Arrays.equals(h, end, h.length, CANONICAL_END, 0, CANONICAL_END.length)) {
            return null;
        }
        for (int i = start; i < end; i++) {
            byte b = h[i];
            boolean plain = (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '/';
            if (!plain) {
                return null; // quotes, escapes, anything else: let the JSON parser judge
            }
        }
        return Kid.parse(new String(h, start, end - start, StandardCharsets.US_ASCII)).map(EventHeader::new);
    }

    private static String safeString(JsonObject o, String name) {
        try {
            return o.string(name);
        } catch (MalformedException e) {
            return null;
        }
    }
}

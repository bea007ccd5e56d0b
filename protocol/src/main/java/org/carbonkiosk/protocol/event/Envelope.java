package org.carbonkiosk.protocol.event;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.carbonkiosk.protocol.DeviceId;

/**
 * The members every event carries (PROTOCOL.md section 4), whatever its type.
 *
 * @param deviceId    the kiosk
 * @param seq         per-device sequence number, from 1, never repeated
 * @param occurredAt  when it happened, by the kiosk's clock, with the offset it was written in
 * @param clockSynced false when the kiosk had no trustworthy wall clock
 * @param agent       the agent's version
 */
public record Envelope(String deviceId, long seq, OffsetDateTime occurredAt, boolean clockSynced, String agent) {
    public static final int VERSION = 1;
    /** The largest seq: JSON's safe integer range. */
    public static final long MAX_SEQ = (1L << 53) - 1;
    /** The longest {@code agent} version string, in UTF-16 chars. */
    public static final int MAX_AGENT_LENGTH = 32;

    public Envelope {
        DeviceId.require(deviceId);
        if (seq < 1 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("seq must be within [1, 2^53-1], was " + seq);
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(agent, "agent");
        if (agent.isEmpty() || agent.length() > MAX_AGENT_LENGTH) {
            throw new IllegalArgumentException("agent must be 1 to " + MAX_AGENT_LENGTH + " characters");
        }
    }

    /** {@code deviceId:seq}. */
    public String eventId() {
        return eventId(deviceId, seq);
    }

    public static String eventId(String deviceId, long seq) {
        return deviceId + ":" + seq;
    }

    /** True for {@code deviceId:seq} with a valid deviceId and a seq within [1, 2^53-1], written without leading zeros. */
    public static boolean isValidEventId(String eventId) {
        if (eventId == null) {
            return false;
        }
        int colon = eventId.lastIndexOf(':');
        if (colon <= 0 || !DeviceId.isValid(eventId.substring(0, colon))) {
            return false;
        }
        String seq = eventId.substring(colon + 1);
        if (seq.isEmpty() || seq.length() > 16 || seq.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < seq.length(); i++) {
            if (seq.charAt(i) < '0' || seq.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(seq) <= MAX_SEQ;
    }
}

package org.carbonkiosk.protocol.event;

import java.util.Objects;

/**
 * Plays granted on a claw kiosk for a deposit. Recorded and audited, never credited.
 *
 * @param plays      how many plays were granted (1 to 100)
 * @param forEventId the deposit's eventId that earned them
 */
public record ClawPlayEvent(Envelope envelope, int plays, String forEventId) implements KioskEvent {
    public static final int MAX_PLAYS = 100;

    public ClawPlayEvent {
        Objects.requireNonNull(envelope, "envelope");
        if (plays < 1 || plays > MAX_PLAYS) {
            throw new IllegalArgumentException("plays must be within [1, " + MAX_PLAYS + "]");
        }
        if (!Envelope.isValidEventId(forEventId)) {
            throw new IllegalArgumentException("forEventId must be an eventId (deviceId:seq), was " + forEventId);
        }
    }

    @Override
    public EventType type() {
        return EventType.CLAW_PLAY;
    }
}

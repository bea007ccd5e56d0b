package org.carbonkiosk.protocol.event;

import java.util.Objects;

/** A prize fell through a claw kiosk's chute. {@code slot} is the chute sensor's slot number (0 to 255). */
public record PrizeEvent(Envelope envelope, int slot) implements KioskEvent {
    public static final int MAX_SLOT = 255;

    public PrizeEvent {
        Objects.requireNonNull(envelope, "envelope");
        if (slot < 0 || slot > MAX_SLOT) {
            throw new IllegalArgumentException("slot must be within [0, " + MAX_SLOT + "]");
        }
    }

    @Override
    public EventType type() {
        return EventType.PRIZE;
    }
}

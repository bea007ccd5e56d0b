package org.carbonkiosk.protocol.event;

import java.util.Objects;

/** The deposit door opened while the kiosk had it locked. */
public record DoorForcedEvent(Envelope envelope) implements KioskEvent {
    public DoorForcedEvent {
        Objects.requireNonNull(envelope, "envelope");
    }

    @Override
    public EventType type() {
        return EventType.DOOR_FORCED;
    }
}

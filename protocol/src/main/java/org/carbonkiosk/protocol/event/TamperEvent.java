package org.carbonkiosk.protocol.event;

import java.util.Objects;

/** The kiosk's tamper switch (enclosure opened) tripped. */
public record TamperEvent(Envelope envelope) implements KioskEvent {
    public TamperEvent {
        Objects.requireNonNull(envelope, "envelope");
    }

    @Override
    public EventType type() {
        return EventType.TAMPER;
    }
}

package org.carbonkiosk.protocol.event;

import java.util.Optional;

/** The {@code type} member of an event payload. Only deposits are ever credited. */
public enum EventType {
    DEPOSIT("deposit"),
    CLAW_PLAY("claw-play"),
    PRIZE("prize"),
    DOOR_FORCED("door-forced"),
    TAMPER("tamper"),
    BIN_EMPTIED("bin-emptied");

    private static final EventType[] VALUES = values();
    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> fromWire(String wire) {
        for (EventType v : VALUES) {
            if (v.wire.equals(wire)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}

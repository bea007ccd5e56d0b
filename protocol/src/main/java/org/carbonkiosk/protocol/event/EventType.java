package org.carbonkiosk.protocol.event;

import java.util.Arrays;
import java.util.Optional;

/** The {@code type} member of an event payload. Only deposits are ever credited. */
public enum EventType {
    DEPOSIT("deposit"),
    CLAW_PLAY("claw-play"),
    PRIZE("prize"),
    DOOR_FORCED("door-forced"),
    TAMPER("tamper");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}

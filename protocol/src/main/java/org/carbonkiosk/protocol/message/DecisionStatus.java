package org.carbonkiosk.protocol.message;

import java.util.Arrays;
import java.util.Optional;

/** An event's current decision (PROTOCOL.md section 5). */
public enum DecisionStatus {
    CREDITED("credited"),
    HELD("held"),
    REJECTED("rejected");

    private final String wire;

    DecisionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DecisionStatus> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}

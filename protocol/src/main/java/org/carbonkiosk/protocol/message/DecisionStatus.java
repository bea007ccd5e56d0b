package org.carbonkiosk.protocol.message;

import java.util.Optional;

/** An event's current decision (PROTOCOL.md section 5). */
public enum DecisionStatus {
    CREDITED("credited"),
    HELD("held"),
    REJECTED("rejected");

    private static final DecisionStatus[] VALUES = values();
    private final String wire;

    DecisionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DecisionStatus> fromWire(String wire) {
        for (DecisionStatus v : VALUES) {
            if (v.wire.equals(wire)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}

package org.carbonkiosk.protocol.event;

import java.util.Arrays;
import java.util.Optional;

/** What a deposit holds. */
public enum Material {
    PAPER("paper"),
    PLASTIC("plastic"),
    METAL("metal"),
    GLASS("glass"),
    TEXTILE("textile"),
    MIXED("mixed");

    private final String wire;

    Material(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Material> fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }
}

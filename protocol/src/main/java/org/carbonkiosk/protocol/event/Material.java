package org.carbonkiosk.protocol.event;

import java.util.Optional;

/** What a deposit holds. */
public enum Material {
    PAPER("paper"),
    PLASTIC("plastic"),
    METAL("metal"),
    GLASS("glass"),
    TEXTILE("textile"),
    MIXED("mixed");

    private static final Material[] VALUES = values();
    private final String wire;

    Material(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Material> fromWire(String wire) {
        for (Material v : VALUES) {
            if (v.wire.equals(wire)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}

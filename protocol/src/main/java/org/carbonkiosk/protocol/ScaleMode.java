package org.carbonkiosk.protocol;

import java.util.Optional;

/**
 * What a kiosk's scale weighs (PROTOCOL.md v1.1 section 4, registered with the device: {@code scaleMode}): the whole bin, so each deposit's
 * tare is the bin as the previous session left it and the weight chain can be checked; or only
 * a tray that is emptied into the bin after each deposit.
 */
public enum ScaleMode {
    BIN("bin"),
    TRAY("tray");

    private final String wire;

    ScaleMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ScaleMode> fromWire(String wire) {
        for (ScaleMode m : values()) {
            if (m.wire.equals(wire)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The contract's default: {@code bin} for a recycling box, {@code tray} for a claw kiosk. */
    public static ScaleMode defaultFor(String kioskType) {
        return KioskTypes.CLAW_KIOSK.equals(kioskType) ? TRAY : BIN;
    }
}

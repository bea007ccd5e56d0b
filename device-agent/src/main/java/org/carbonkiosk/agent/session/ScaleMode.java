package org.carbonkiosk.agent.session;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the kiosk's scale weighs ({@code scale.mode}; {@code scaleMode} in the registry, protocol
 * section 6): the whole bin, so each deposit's tare is the bin as the previous session left it
 * and an emptying is recorded as {@code bin-emptied}; or only a tray emptied after each deposit.
 */
public enum ScaleMode {
    BIN("bin"),
    TRAY("tray");

    public static final Set<String> WIRE_NAMES = Arrays.stream(values()).map(ScaleMode::wire)
            .collect(Collectors.toUnmodifiableSet());
    private final String wire;

    ScaleMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The mode named {@code wire}, one of {@link #WIRE_NAMES}. */
    public static ScaleMode fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scale mode '" + wire + "'"));
    }

    /** {@code bin} for a recycling box, {@code tray} for a claw kiosk. */
    public static ScaleMode defaultFor(boolean claw) {
        return claw ? TRAY : BIN;
    }
}

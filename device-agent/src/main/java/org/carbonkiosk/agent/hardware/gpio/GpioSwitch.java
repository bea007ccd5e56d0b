package org.carbonkiosk.agent.hardware.gpio;

import org.carbonkiosk.agent.hardware.BinSensor;
import org.carbonkiosk.agent.hardware.DoorSwitch;

/**
 * A switch on one input, "active" at the level given by {@code activeHigh}. Serves as the door
 * switch (active = open) and the bin-full switch (active = full: 100 %, else 0 %).
 */
public final class GpioSwitch implements DoorSwitch, BinSensor {
    private final InputLine line;
    private final boolean activeHigh;

    public GpioSwitch(InputLine line, boolean activeHigh) {
        this.line = line;
        this.activeHigh = activeHigh;
    }

    public boolean isActive() {
        return line.isHigh() == activeHigh;
    }

    @Override
    public boolean isOpen() {
        return isActive();
    }

    @Override
    public int fillPercent() {
        return isActive() ? 100 : 0;
    }
}

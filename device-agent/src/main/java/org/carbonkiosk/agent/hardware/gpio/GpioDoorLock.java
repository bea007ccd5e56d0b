package org.carbonkiosk.agent.hardware.gpio;

import org.carbonkiosk.agent.hardware.DoorLock;

/** A door lock relay on one output; "active" (the level given by {@code activeHigh}) means unlocked. Locks at once. */
public final class GpioDoorLock implements DoorLock {
    private final OutputLine line;
    private final boolean activeHigh;

    public GpioDoorLock(OutputLine line, boolean activeHigh) {
        this.line = line;
        this.activeHigh = activeHigh;
        lock();
    }

    @Override
    public void unlock() {
        line.set(activeHigh);
    }

    @Override
    public void lock() {
        line.set(!activeHigh);
    }
}

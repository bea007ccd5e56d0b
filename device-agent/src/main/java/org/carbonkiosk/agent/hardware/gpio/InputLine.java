package org.carbonkiosk.agent.hardware.gpio;

import java.util.function.Consumer;

/** One digital input line as a driver sees it: its electrical level, and level changes. */
public interface InputLine {
    /** The line's electrical level now. */
    boolean isHigh();

    /** Calls {@code listener} with the new level on every change (from the GPIO event thread). */
    void onChange(Consumer<Boolean> listener);
}

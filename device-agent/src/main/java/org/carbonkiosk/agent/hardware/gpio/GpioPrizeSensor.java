package org.carbonkiosk.agent.hardware.gpio;

import java.util.Optional;
import org.carbonkiosk.agent.hardware.PrizeSensor;

/**
 * A prize-chute light barrier on one input. Every transition to active is one prize. Transitions
 * are taken from the GPIO change events (a short pulse between two polls is not lost) and, for
 * providers without edge events, from the level seen at each poll; a transition seen both ways
 * counts once. Each poll takes one pending prize.
 */
public final class GpioPrizeSensor implements PrizeSensor {
    private final InputLine line;
    private final boolean activeHigh;
    private final int slot;
    private int pending;
    private boolean active;

    public GpioPrizeSensor(InputLine line, boolean activeHigh, int slot) {
        this.line = line;
        this.activeHigh = activeHigh;
        this.slot = slot;
        this.active = line.isHigh() == activeHigh;
        line.onChange(high -> observe(high == activeHigh));
    }

    private synchronized void observe(boolean nowActive) {
        if (nowActive && !active) {
            pending++;
        }
        active = nowActive;
    }

    @Override
    public synchronized Optional<Integer> poll() {
        observe(line.isHigh() == activeHigh);
        if (pending == 0) {
            return Optional.empty();
        }
        pending--;
        return Optional.of(slot);
    }
}

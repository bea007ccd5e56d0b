package org.carbonkiosk.agent.hardware.gpio;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonkiosk.agent.hardware.PrizeSensor;

/**
 * A prize-chute light barrier on one input. Counts every transition to active (a prize passing)
 * from the GPIO event, so a short pulse between two polls is not lost; each poll takes one.
 */
public final class GpioPrizeSensor implements PrizeSensor {
    private final AtomicInteger pending = new AtomicInteger();
    private final int slot;

    public GpioPrizeSensor(InputLine line, boolean activeHigh, int slot) {
        this.slot = slot;
        line.onChange(high -> {
            if (high == activeHigh) {
                pending.incrementAndGet();
            }
        });
    }

    @Override
    public Optional<Integer> poll() {
        return pending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? Optional.of(slot) : Optional.empty();
    }
}

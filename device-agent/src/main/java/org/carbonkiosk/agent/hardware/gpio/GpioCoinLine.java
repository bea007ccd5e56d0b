package org.carbonkiosk.agent.hardware.gpio;

import java.io.IOException;
import org.carbonkiosk.agent.hardware.CoinLine;

/** A claw machine's coin input driven by a relay/optocoupler: one active pulse per play, a gap between. */
public final class GpioCoinLine implements CoinLine {
    private final OutputLine line;
    private final boolean activeHigh;
    private final long pulseMillis;
    private final long gapMillis;
    private final Sleeper sleeper;

    public GpioCoinLine(OutputLine line, boolean activeHigh, long pulseMillis, long gapMillis, Sleeper sleeper) {
        this.line = line;
        this.activeHigh = activeHigh;
        this.pulseMillis = pulseMillis;
        this.gapMillis = gapMillis;
        this.sleeper = sleeper;
        line.set(!activeHigh);
    }

    @Override
    public synchronized void grantPlays(int plays) throws IOException {
        if (plays < 0) {
            throw new IllegalArgumentException("plays must be >= 0");
        }
        for (int i = 0; i < plays; i++) {
            if (i > 0) {
                sleeper.sleepMillis(gapMillis);
            }
            line.set(activeHigh);
            try {
                sleeper.sleepMillis(pulseMillis);
            } finally {
                line.set(!activeHigh);
            }
        }
    }
}

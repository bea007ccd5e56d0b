package org.carbonkiosk.provisioning.calibrate;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;
import org.carbonkiosk.agent.hardware.LoadCellAdc;
import org.carbonkiosk.provisioning.ProvisionException;

/**
 * Reads windows of raw counts from a load cell until one is stable (spread within the band) and
 * acceptable, or the wait is over. A read that fails, or a scale that answers nothing, is the
 * plain "scale not responding" error.
 */
public final class LoadCellSampler {
    private final LoadCellAdc adc;
    private final Settings settings;

    /**
     * @param samples readings per window
     * @param bandCounts largest spread (max - min) of a stable window
     * @param interval pause between readings
     * @param maxWait how long to wait for a stable, acceptable window
     */
    public record Settings(int samples, long bandCounts, Duration interval, Duration maxWait) {
        public Settings {
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be at least 2");
            }
        }
    }

    /** What the last window looked like when the wait ran out. */
    public sealed interface Outcome {
        record Settled(Window window) implements Outcome { }

        record Unstable(Window last) implements Outcome { }

        record NotAccepted(Window last) implements Outcome { }
    }

    public LoadCellSampler(LoadCellAdc adc, Settings settings) {
        this.adc = adc;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public Window window() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double sum = 0;
        for (int i = 0; i < settings.samples(); i++) {
            if (i > 0) {
                pause();
            }
            long raw = read();
            min = Math.min(min, raw);
            max = Math.max(max, raw);
            sum += raw;
        }
        return new Window(settings.samples(), min, max, sum / settings.samples());
    }

    /**
     * Windows until two in a row are stable, agree with each other within the band and are
     * accepted (one lucky quiet window among noisy ones is not enough); at least two windows even
     * with a zero wait.
     */
    public Outcome settle(Predicate<Window> accept) {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        Window previous = null;
        while (true) {
            Window w = window();
            boolean stable = w.stableWithin(settings.bandCounts());
            boolean agrees = previous != null && previous.stableWithin(settings.bandCounts())
                    && Math.abs(previous.mean() - w.mean()) <= settings.bandCounts();
            if (stable && agrees && accept.test(w) && accept.test(previous)) {
                return new Outcome.Settled(w);
            }
            if (previous != null && System.nanoTime() >= deadline) {
                return stable ? new Outcome.NotAccepted(w) : new Outcome.Unstable(w);
            }
            previous = w;
            pause();
        }
    }

    private long read() {
        try {
            return adc.readRaw();
        } catch (IOException e) {
            throw ProvisionException.hardware("the scale is not responding (" + e.getMessage() + "). Check the"
                    + " load-cell cable and connector, the power to the scale board, and the hardware.* settings"
                    + " in agent.properties; then run the command again. Nothing was saved.");
        }
    }

    private void pause() {
        if (settings.interval().isZero()) {
            return;
        }
        try {
            Thread.sleep(settings.interval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(org.carbonkiosk.provisioning.ExitCodes.ABORTED, "interrupted while reading the scale");
        }
    }
}

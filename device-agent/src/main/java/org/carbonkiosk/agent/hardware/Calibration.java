package org.carbonkiosk.agent.hardware;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A load cell's calibration: {@code grams = (raw - offsetCounts) / countsPerGram}.
 *
 * @param calibratedAt when it was measured against a reference mass (carried in events as {@code calibratedAt})
 */
public record Calibration(long offsetCounts, double countsPerGram, OffsetDateTime calibratedAt) {

    public Calibration {
        if (!(countsPerGram != 0 && Double.isFinite(countsPerGram))) {
            throw new IllegalArgumentException("countsPerGram must be a finite non-zero number");
        }
        Objects.requireNonNull(calibratedAt, "calibratedAt");
    }

    public int toGrams(long raw) {
        return (int) Math.round((raw - offsetCounts) / countsPerGram);
    }
}

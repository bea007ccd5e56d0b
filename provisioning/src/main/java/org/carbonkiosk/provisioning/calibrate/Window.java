package org.carbonkiosk.provisioning.calibrate;

/** N raw readings taken in a row: their spread decides whether the scale has settled. */
public record Window(int samples, long min, long max, double mean) {

    public long spread() {
        return max - min;
    }

    public boolean stableWithin(long bandCounts) {
        return spread() <= bandCounts;
    }
}

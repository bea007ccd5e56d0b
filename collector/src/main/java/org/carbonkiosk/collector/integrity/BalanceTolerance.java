package org.carbonkiosk.collector.integrity;

/**
 * How far two weighings of the same material may disagree: {@code percent} of the larger, but
 * never less than {@code floorGrams} (a bin emptied with little in it would otherwise fail on
 * the scale's resolution alone).
 */
public record BalanceTolerance(int percent, int floorGrams) {

    public BalanceTolerance {
        if (percent < 0 || percent > 100 || floorGrams < 0) {
            throw new IllegalArgumentException("percent must be within [0, 100] and floorGrams >= 0");
        }
    }

    /** 10 %, at least 500 g. */
    public static BalanceTolerance defaults() {
        return new BalanceTolerance(10, 500);
    }

    /** The largest difference allowed between {@code a} and {@code b}. */
    public long allowedGrams(long a, long b) {
        long larger = Math.max(Math.abs(a), Math.abs(b));
        return Math.max(floorGrams, larger * percent / 100);
    }

    public boolean agree(long a, long b) {
        return Math.abs(a - b) <= allowedGrams(a, b);
    }
}

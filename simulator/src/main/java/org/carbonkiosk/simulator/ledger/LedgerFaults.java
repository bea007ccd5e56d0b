package org.carbonkiosk.simulator.ledger;

import java.util.Random;

/**
 * Faults the stub ledger injects, changeable while it runs. Rates are probabilities per
 * {@code POST /v1/credits} request, drawn from a seeded random source.
 * <ul>
 * <li>{@code errorRate}: answer 500 without storing.</li>
 * <li>{@code timeoutAfterStoreRate}: store the credit, then hold the answer for {@code hangMillis}
 * and end it with a truncated body, so the caller sees a failure for a credit that IS stored
 * (the double-credit trap: a correct caller resends the same body and is deduplicated).</li>
 * <li>{@code slowMillis}: every answer waits this long first.</li>
 * </ul>
 * Down periods are {@link StubLedger#goDown()} / {@link StubLedger#comeUp()}.
 */
public final class LedgerFaults {
    private final Random random;
    private double errorRate;
    private double timeoutAfterStoreRate;
    private long hangMillis = 3_000;
    private long slowMillis;

    public LedgerFaults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized LedgerFaults errorRate(double rate) {
        this.errorRate = checkRate(rate);
        return this;
    }

    public synchronized LedgerFaults timeoutAfterStoreRate(double rate) {
        this.timeoutAfterStoreRate = checkRate(rate);
        return this;
    }

    public synchronized LedgerFaults hangMillis(long millis) {
        this.hangMillis = Math.max(0, millis);
        return this;
    }

    public synchronized LedgerFaults slowMillis(long millis) {
        this.slowMillis = Math.max(0, millis);
        return this;
    }

    /** No faults at all. */
    public synchronized LedgerFaults none() {
        errorRate = 0;
        timeoutAfterStoreRate = 0;
        slowMillis = 0;
        return this;
    }

    synchronized boolean nextError() {
        return errorRate > 0 && random.nextDouble() < errorRate;
    }

    synchronized boolean nextTimeoutAfterStore() {
        return timeoutAfterStoreRate > 0 && random.nextDouble() < timeoutAfterStoreRate;
    }

    synchronized long hangMillis() {
        return hangMillis;
    }

    synchronized long slowMillis() {
        return slowMillis;
    }

    private static double checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a fault rate is a probability in [0, 1], was " + rate);
        }
        return rate;
    }
}

package org.carbonkiosk.config;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff, the one implementation of every app's retry timing (the agent's resends
 * and reconnects, the provisioning tool's HTTP retries, the collector's ledger forwarding):
 * the wait after the n-th failed attempt is {@code min(max, first * 2^(n-1))}, and with jitter
 * a random value between half of that and all of it ("equal jitter"), so that many kiosks
 * coming back at once do not retry in step.
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= first <= max, was " + first + ", " + max);
        }
    }

    /** The wait after the {@code attempt}-th try (1-based), without jitter. */
    public long delayMs(int attempt) {
        long delay = first.toMillis();
        long cap = max.toMillis();
        for (int i = 1; i < attempt && delay < cap; i++) {
            delay *= 2;
        }
        return Math.min(delay, cap);
    }

    /** {@link #delayMs} with equal jitter: uniformly between half of it and all of it. */
    public long jitteredDelayMs(int attempt) {
        return jitteredDelayMs(attempt, ThreadLocalRandom.current());
    }

    public long jitteredDelayMs(int attempt, RandomGenerator random) {
        long d = delayMs(attempt);
        long half = d / 2;
        return half + random.nextLong(d - half + 1);
    }
}

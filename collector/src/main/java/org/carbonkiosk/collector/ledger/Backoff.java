package org.carbonkiosk.collector.ledger;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits {@code min(max, initial * 2^(n-1))}, of which
 * a random half ("equal jitter"): between d/2 and d.
 */
public record Backoff(Duration initial, Duration max) {

    public long delayMillis(int failedAttempts) {
        long base = initial.toMillis();
        long d = base << Math.min(Math.max(failedAttempts - 1, 0), 30);
        d = Math.min(d, max.toMillis());
        long half = d / 2;
        return half + ThreadLocalRandom.current().nextLong(d - half + 1);
    }
}

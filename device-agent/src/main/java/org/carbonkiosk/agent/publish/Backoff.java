package org.carbonkiosk.agent.publish;

import java.time.Duration;

/** Doubling waits: {@code first * 2^(n-1)}, capped at {@code max}. */
public record Backoff(Duration first, Duration max) {

    /** The wait after the {@code attempt}-th try (1-based). */
    public long delayMs(int attempt) {
        long delay = first.toMillis();
        for (int i = 1; i < attempt && delay < max.toMillis(); i++) {
            delay *= 2;
        }
        return Math.min(delay, max.toMillis());
    }
}

package org.carbonkiosk.provisioning.http;

import java.time.Duration;

/**
 * Timeouts and retries for calls to the collector. Every call the tool makes is idempotent
 * (re-registering the same key is accepted), so a lost answer on a bad connection is retried.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration connectTimeout, Duration requestTimeout) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Three attempts, 1 s then 2 s apart; 5 s to connect, 15 s for an answer. */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public Duration delayBefore(int attempt) {
        return firstDelay.multipliedBy(1L << Math.max(0, attempt - 2));
    }
}

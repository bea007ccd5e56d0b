package org.carbonkiosk.client;

import java.time.Duration;
import org.carbonkiosk.config.Backoff;

/**
 * Timeouts and retries for calls to the collector. Every call the apps make is idempotent
 * (re-registering the same key is accepted, binding a card again changes nothing), so a lost
 * answer on a bad connection is retried.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration connectTimeout, Duration requestTimeout) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Three attempts, about 1 s then 2 s apart (jittered); 5 s to connect, 15 s for an answer. */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** One attempt, 5 s to connect and 30 s for an answer: for callers that retry at their own pace. */
    public static RetryPolicy once() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The wait before the {@code attempt}-th try (2-based): {@code firstDelay} doubling, with equal jitter. */
    public Duration delayBefore(int attempt) {
        Backoff backoff = new Backoff(firstDelay, firstDelay.multipliedBy(1L << Math.min(attempts, 20)));
        return Duration.ofMillis(backoff.jitteredDelayMs(Math.max(1, attempt - 1)));
    }
}

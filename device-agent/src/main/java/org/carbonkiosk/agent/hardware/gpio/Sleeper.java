package org.carbonkiosk.agent.hardware.gpio;

import java.io.InterruptedIOException;

/** Waits; drivers take one so tests can run their waits on a model's clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = nanos -> {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for hardware");
        }
    };

    void sleepNanos(long nanos) throws InterruptedIOException;

    default void sleepMillis(long millis) throws InterruptedIOException {
        sleepNanos(millis * 1_000_000L);
    }
}

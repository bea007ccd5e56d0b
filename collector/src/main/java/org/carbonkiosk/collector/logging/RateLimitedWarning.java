package org.carbonkiosk.collector.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * A warning that may happen thousands of times a second (a broker misbehaving, a full queue):
 * at most one log line per period, with how many times it happened since the last line.
 */
public final class RateLimitedWarning {
    private final String what;
    private final long periodNanos;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);

    public RateLimitedWarning(String what, Duration period) {
        this.what = what;
        this.periodNanos = period.toNanos();
    }

    /** Counts one occurrence; logs it when no line was written in the last period (then true). */
    public boolean warn(String detail) {
        count.incrementAndGet();
        total.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLineAt.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextLineAt.compareAndSet(next, now + periodNanos)) {
            long n = count.getAndSet(0);
            Logger.warn("{} ({} time{} since the last such line): {}", what, n, n == 1 ? "" : "s", detail);
            return true;
        }
        return false;
    }

    /** How many times it happened since start. */
    public long total() {
        return total.get();
    }
}

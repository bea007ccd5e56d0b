package org.carbonkiosk.simulator.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulation's wall clock, shared by the kiosks and the collector: real time ticking from
 * an offset that the scenario moves forward between deposits ({@link #advanceTo}). Inside a
 * deposit session time passes normally, so timeouts behave as on a real kiosk; between
 * sessions the scenario skips the quiet hours, so a whole month runs in seconds. It never
 * goes backwards.
 */
public final class SimClock extends Clock {
    private final ZoneId zone;
    private final long realStartNanos;
    /** Simulated nanoseconds since the epoch at {@link #realStartNanos}. */
    private final AtomicLong offsetNanos;

    private SimClock(ZoneId zone, long realStartNanos, AtomicLong offsetNanos) {
        this.zone = zone;
        this.realStartNanos = realStartNanos;
        this.offsetNanos = offsetNanos;
    }

    /** A clock that reads {@code start} now and then ticks in real time. */
    public static SimClock startingAt(Instant start, ZoneId zone) {
        return new SimClock(zone, System.nanoTime(), new AtomicLong(toNanos(start)));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same simulated time seen in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return new SimClock(other, realStartNanos, offsetNanos);
    }

    @Override
    public Instant instant() {
        long nanos = offsetNanos.get() + (System.nanoTime() - realStartNanos);
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    /** Jumps forward to {@code target}; does nothing if the clock is already past it. */
    public void advanceTo(Instant target) {
        long targetNanos = toNanos(target);
        offsetNanos.getAndUpdate(offset -> {
            long now = offset + (System.nanoTime() - realStartNanos);
            return targetNanos > now ? offset + (targetNanos - now) : offset;
        });
    }

    /** Jumps forward by {@code step}. */
    public void advanceBy(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("the simulated clock never goes backwards");
        }
        offsetNanos.addAndGet(step.toNanos());
    }

    private static long toNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}

package org.carbonkiosk.simulator.load;

/**
 * One load run.
 *
 * @param published       events published
 * @param accepted        events answered with a first-time receipt (any decision)
 * @param credited        of those, credited (cap-reached included)
 * @param seconds         first publish to last receipt
 * @param offeredPerSecond the rate asked for, 0 for as fast as possible
 * @param p50Ms           latency publish -> receipt, milliseconds
 */
public record LoadResult(long published, long accepted, long credited, double seconds, double offeredPerSecond,
                         double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    public double acceptedPerSecond() {
        return seconds <= 0 ? 0 : accepted / seconds;
    }

    public String describe() {
        return ("published %d, accepted %d (credited %d) in %.2f s: %.1f accepted events/s%s; "
                + "latency publish->receipt p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms")
                .formatted(published, accepted, credited, seconds, acceptedPerSecond(),
                        offeredPerSecond > 0 ? " (offered %.1f/s)".formatted(offeredPerSecond) : "",
                        p50Ms, p90Ms, p99Ms, maxMs);
    }
}

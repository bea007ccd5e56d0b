package org.carbonkiosk.collector.decide;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;

/**
 * The configurable limits of the checks before the rule ({@code rule.lateWindow},
 * {@code rule.maxClockSkew}, {@code rule.calibrationMaxAge}, {@code rule.calibrationRequired},
 * {@code keys.rotationGrace}).
 *
 * @param lateWindow          how long after its end a month stays open
 * @param maxClockSkew        how far occurredAt may be ahead of the receive time
 * @param calibrationMaxAge   the oldest acceptable calibration
 * @param calibrationRequired whether a deposit without calibratedAt is held
 * @param keyRotationGrace    how long after a rotation an event may still be signed by the old key version
 */
public record Checks(Duration lateWindow, Duration maxClockSkew, Duration calibrationMaxAge,
                     boolean calibrationRequired, Duration keyRotationGrace) {

    public Checks {
        Objects.requireNonNull(lateWindow, "lateWindow");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(calibrationMaxAge, "calibrationMaxAge");
        if (keyRotationGrace.isNegative()) {
            throw new ConfigException("keys.rotationGrace", "must not be negative");
        }
    }

    /** The contract's: 7 days late, 5 minutes of skew, a calibration a year old at most (not required), 7 days' grace. */
    public static Checks defaults() {
        return new Checks(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofDays(365), false, Duration.ofDays(7));
    }

    public static Checks from(ConfigSource s) {
        Checks d = defaults();
        return new Checks(duration(s, "rule.lateWindow", d.lateWindow), duration(s, "rule.maxClockSkew", d.maxClockSkew),
                duration(s, "rule.calibrationMaxAge", d.calibrationMaxAge),
                s.bool("rule.calibrationRequired", d.calibrationRequired),
                duration(s, "keys.rotationGrace", d.keyRotationGrace));
    }

    private static Duration duration(ConfigSource s, String key, Duration defaultValue) {
        return s.duration(key, ChronoUnit.SECONDS, defaultValue, Duration.ZERO, Duration.ofDays(36_500));
    }
}

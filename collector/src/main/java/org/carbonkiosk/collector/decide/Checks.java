package org.carbonkiosk.collector.decide;

import java.time.Duration;

/**
 * The configurable limits of the checks before the rule.
 *
 * @param lateWindow          how long after its end a month stays open
 * @param maxClockSkew        how far occurredAt may be ahead of the receive time
 * @param calibrationMaxAge   the oldest acceptable calibration
 * @param calibrationRequired whether a deposit without calibratedAt is held
 * @param keyRotationGrace    how long after a rotation an event may still be signed by the old key version
 */
public record Checks(Duration lateWindow, Duration maxClockSkew, Duration calibrationMaxAge,
                     boolean calibrationRequired, Duration keyRotationGrace) {
}

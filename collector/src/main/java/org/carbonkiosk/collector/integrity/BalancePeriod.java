package org.carbonkiosk.collector.integrity;

import java.time.Instant;
import java.util.Optional;

/**
 * One period of a kiosk's mass balance: from one emptying (or the kiosk's first deposit) to the
 * next. Three weighings of the same material by two scales, which should agree.
 *
 * @param fromSeq          the emptying that opened the period (empty: the kiosk's first period)
 * @param deposits         deposits the kiosk reported in the period
 * @param reportedNetGrams their net grams, summed
 * @param removedGrams     what the kiosk's {@code bin-emptied} event says it removed
 * @param haulerGrams      what the hauler's scale weighed (pickups nearest to this emptying)
 * @param kioskAgrees      the kiosk's removal and its deposits agree within the tolerance
 * @param haulerAgrees     the hauler's weight and the kiosk's removal agree (empty: no pickup recorded)
 */
public record BalancePeriod(Optional<Long> fromSeq, Emptying emptying, int deposits, long reportedNetGrams,
                            int removedGrams, Optional<Long> haulerGrams, boolean kioskAgrees,
                            Optional<Boolean> haulerAgrees) {

    /** Both comparisons hold (a period without a pickup is judged on the kiosk's own readings). */
    public boolean withinTolerance() {
        return kioskAgrees && haulerAgrees.orElse(true);
    }

    public Instant emptiedAt() {
        return emptying.at();
    }
}

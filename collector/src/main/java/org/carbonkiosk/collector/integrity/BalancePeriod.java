package org.carbonkiosk.collector.integrity;

import java.time.Instant;
import java.util.Optional;

/**
 * One period of a kiosk's mass balance: from one emptying (or the first deposit) to the next.
 *
 * @param startBinGrams        the bin at the start: the previous emptying's {@code binGramsAfter},
 *                             or the first deposit's tare
 * @param deposits             deposits the kiosk reported in the period
 * @param reportedNetGrams     their net grams, summed
 * @param expectedRemovedGrams {@code startBinGrams + reportedNetGrams - binGramsAfter}: what the emptying
 *                             should have removed if every deposit was real
 * @param removedGrams         what the kiosk's {@code bin-emptied} event says it removed
 * @param haulerGrams          what the hauler's scale weighed (pickups recorded between this emptying and the next)
 * @param kioskAgrees          removed and expected agree within the tolerance
 * @param haulerAgrees         hauler's weight and removed agree within the tolerance (empty: no pickup recorded)
 */
public record BalancePeriod(Optional<Long> fromSeq, Emptying emptying, long startBinGrams, int deposits,
                            long reportedNetGrams, long expectedRemovedGrams, int removedGrams,
                            Optional<Long> haulerGrams, boolean kioskAgrees, Optional<Boolean> haulerAgrees) {

    /** Both comparisons hold (a period without a pickup is judged on the kiosk's own readings). */
    public boolean withinTolerance() {
        return kioskAgrees && haulerAgrees.orElse(true);
    }

    public Instant emptiedAt() {
        return emptying.at();
    }
}

package org.carbonkiosk.collector.integrity;

import java.util.Optional;
import org.carbonkiosk.protocol.ScaleMode;

/**
 * A kiosk's integrity state, read in the deciding transaction.
 *
 * @param scaleMode    what its scale weighs
 * @param flag         present while the kiosk is under review
 * @param chainSeq     the highest seq decided in order on this kiosk (0 before the first)
 * @param chainRefSeq  the seq whose reading {@code chainGrams} is (the last deposit, or the last emptying)
 * @param chainGrams   the bin as the last deposit left it; empty after an emptying or before the first deposit
 */
public record KioskState(ScaleMode scaleMode, Optional<KioskFlag> flag, long chainSeq, long chainRefSeq,
                         Optional<Integer> chainGrams) {

    /** A kiosk with no integrity record yet. */
    public static KioskState fresh(ScaleMode mode) {
        return new KioskState(mode, Optional.empty(), 0, 0, Optional.empty());
    }
}

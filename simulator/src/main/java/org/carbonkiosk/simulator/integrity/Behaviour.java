package org.carbonkiosk.simulator.integrity;

import java.util.Optional;
import org.carbonkiosk.protocol.message.Reason;

/**
 * What lies behind one simulated deposit: a resident's honest behaviour (some of them close to a
 * fraud on purpose), or an injected fraud with the signal that should catch it.
 */
enum Behaviour {
    HONEST("an ordinary deposit", false, Optional.empty()),
    TWO_BAGS("a resident's second bag right after the first", false, Optional.empty()),
    FAMILY("a family member's card at the same kiosk right after", false, Optional.empty()),
    HEAVY_GLASS("a heavy glass deposit (9 to 14 kg, under the glass limit)", false, Optional.empty()),
    RE_DEPOSIT("items taken out of the bin and deposited again", true, Optional.of(Reason.WEIGHT_CHAIN)),
    CLONED_CARD("a cloned card used at a second kiosk within minutes", true, Optional.of(Reason.CARD_CLONE)),
    SOAKED_BAG("a soaked bag of paper (9 to 14 kg)", true, Optional.of(Reason.IMPLAUSIBLE_WEIGHT)),
    SCALE_HIGH("a bin scale reading 20 % high", true, Optional.empty()),
    INVENTED("a kiosk inventing deposits nobody made", true, Optional.empty());

    private final String description;
    private final boolean fraud;
    private final Optional<Reason> caughtBy;

    Behaviour(String description, boolean fraud, Optional<Reason> caughtBy) {
        this.description = description;
        this.fraud = fraud;
        this.caughtBy = caughtBy;
    }

    String description() {
        return description;
    }

    boolean fraud() {
        return fraud;
    }

    /** The reason the deposit itself is held for; empty for the kiosk-wide frauds the mass balance finds. */
    Optional<Reason> caughtBy() {
        return caughtBy;
    }

    /** A fraud of the whole kiosk (every deposit of it is affected): found by the mass balance, not per deposit. */
    boolean kioskWide() {
        return fraud && caughtBy.isEmpty();
    }
}

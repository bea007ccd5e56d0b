package org.carbonkiosk.collector.decide;

import java.util.Optional;
import org.carbonkiosk.protocol.message.Decision;

/**
 * A deposit's decision with what it was attributed to.
 *
 * @param account        set when the card is bound
 * @param month          {@code yyyy-MM} when the event was attributed to a month
 * @param monthCredited  the account's month total after this decision (credited decisions)
 * @param monthCap       the rule's monthly cap (credited decisions)
 */
public record DepositOutcome(Decision decision, Optional<String> account, Optional<String> month,
                             String ruleVersion, Optional<Integer> monthCredited, Optional<Integer> monthCap) {
}

package org.carbonkiosk.simulator.fraud;

import org.carbonkiosk.simulator.residents.Step.FraudKind;

/**
 * One fraud attempt and what came of it.
 *
 * @param eventId  the event it used (for a replay: the real event replayed)
 * @param outcome  what the collector said, e.g. {@code rejected/bad-signature}, {@code repeat x2}
 * @param refused  true when the collector did not credit it (for a replay: not credited again)
 */
public record FraudAttempt(FraudKind kind, String eventId, String outcome, boolean refused) {
}

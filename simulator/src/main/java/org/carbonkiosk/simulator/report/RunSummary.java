package org.carbonkiosk.simulator.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carbonkiosk.simulator.fraud.FraudAttempt;
import org.carbonkiosk.simulator.ledger.LedgerStats;
import org.carbonkiosk.simulator.truth.GroundTruth;

/**
 * Everything a finished run produced, for the console summary and the HTML report.
 *
 * @param facts             labelled facts about the run (seed, kiosks, simulated period, faults)
 * @param decisionsByReason final decisions seen in receipts, by status/reason
 * @param undelivered       events still in a kiosk's outbox (never receipted) at the end
 * @param realDuration      wall-clock time the run took
 */
public record RunSummary(Map<String, String> facts, GroundTruth truth, Reconciliation reconciliation,
                         Map<String, Long> decisionsByReason, List<FraudAttempt> fraud, LedgerStats ledger,
                         List<String> ledgerViolations, long undelivered, Duration realDuration) {

    public boolean fraudAllRefused() {
        return fraud.stream().allMatch(FraudAttempt::refused);
    }

    /**
     * Reconciliation matches, every fraud attempt was refused, the ledger saw no protocol
     * violation and every kiosk event got its receipt.
     */
    public boolean ok() {
        return reconciliation.allMatch() && fraudAllRefused() && ledgerViolations.isEmpty() && undelivered == 0;
    }
}

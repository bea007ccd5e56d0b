package org.carbonkiosk.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carbonkiosk.simulator.AccountMonth;
import org.carbonkiosk.simulator.fraud.FraudAttempt;
import org.carbonkiosk.simulator.ledger.LedgerStats;
import org.carbonkiosk.simulator.residents.Step.FraudKind;
import org.carbonkiosk.simulator.truth.GroundTruth;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void render_hasEveryChartAndMarksDifferences() {
        GroundTruth truth = new GroundTruth();
        truth.record("acct-1", "K-1", Instant.parse("2026-11-21T01:00:00Z"), 1000, true);
        truth.record("acct-<2>", "K-1", Instant.parse("2026-12-02T11:00:00Z"), 820, true);
        Reconciliation rec = Reconciliation.of(truth.expected(),
                Map.of(new AccountMonth("acct-1", "2026-11"), 1500L, new AccountMonth("acct-<2>", "2026-12"), 1000L),
                truth.depositCounts());
        RunSummary run = new RunSummary(Map.of("seed", "1"), truth, rec, Map.of("credited", 2L),
                List.of(new FraudAttempt(FraudKind.FORGED_SIGNATURE, "X:1", "rejected/bad-signature", true)),
                new LedgerStats(2, 2, 0, 0, 0, 0, 0, 0), List.of(), 0, Duration.ofSeconds(5));

        String html = HtmlReport.render(run);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("reconciliation: 2 account-months, 1 match, 1 differ");
        assertThat(html.split("<svg", -1)).hasSize(1 + 5); // per hour, per day, two months against the cap, reasons
        assertThat(html).contains("DIFFERS").contains("acct-&lt;2&gt;").doesNotContain("acct-<2>");
        assertThat(html).contains("monthly cap 4500 g").contains("FORGED_SIGNATURE");
        assertThat(run.ok()).isFalse();
    }
}

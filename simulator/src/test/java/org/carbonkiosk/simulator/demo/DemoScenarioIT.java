package org.carbonkiosk.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.carbonkiosk.simulator.AccountMonth;
import org.carbonkiosk.simulator.fraud.FraudAttempt;
import org.carbonkiosk.simulator.report.HtmlReport;
import org.carbonkiosk.simulator.report.RunSummary;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.ScenarioSettings;
import org.carbonkiosk.simulator.residents.Step.FraudKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's scenario at small scale: a few real agents on simulated kiosks, the real collector,
 * the embedded broker and the stub ledger, across the November/December boundary.
 */
class DemoScenarioIT {
    @TempDir
    Path dir;

    /** On the machine's broker when {@code kiosk.it.mqttUrl} is set (CI's second pass), else the embedded one. */
    @Test
    @Tag("machine-services")
    void smallMonth_reconcilesExactly_refusesFraud_andCreditsTheLateBoundCard() throws Exception {
        Plan plan = Plan.of(ScenarioSettings.small(42));
        assertThat(plan.isClaw(0)).isFalse();
        assertThat(plan.isClaw(2)).isTrue();

        Optional<String> machineBroker = Optional.ofNullable(System.getProperty("kiosk.it.mqttUrl")).filter(u -> !u.isBlank());

        RunSummary summary;
        try (SimulationRun run = SimulationRun.prepare(plan, dir, 0, 0, machineBroker)
                .settleTimeout(Duration.ofSeconds(60))) {
            summary = run.run(p -> { });
        }

        System.out.println(summary.reconciliation().table(50));
        assertThat(summary.reconciliation().differences()).isEmpty();
        assertThat(summary.undelivered()).as("events never receipted").isZero();
        assertThat(summary.reconciliation().rows()).extracting(r -> r.key().month()).contains("2026-11", "2026-12");
        assertThat(summary.fraud()).extracting(FraudAttempt::kind).containsExactlyInAnyOrder(FraudKind.values());
        assertThat(summary.fraud()).allSatisfy(f -> assertThat(f.refused()).as(f.toString()).isTrue());
        assertThat(summary.ledgerViolations()).isEmpty();
        // acct-0001's card is bound only a day or more after its first deposits: they were held, then credited
        long lateBound = summary.reconciliation().rows().stream().filter(r -> r.key().account().equals("acct-0001"))
                .mapToLong(r -> r.ledger()).sum();
        assertThat(lateBound).isPositive();
        assertThat(summary.decisionsByReason()).containsKey("held/card-unbound");
        // acct-0002's card is never bound: nothing credited
        assertThat(summary.reconciliation().rows().stream().filter(r -> r.key().account().equals("acct-0002"))
                .mapToLong(r -> r.ledger()).sum()).isZero();
        Path report = HtmlReport.write(summary, dir.resolve("report.html"));
        assertThat(Files.readString(report)).contains("<svg", summary.reconciliation().summaryLine());
    }

    @Test
    void smallMonth_withLedgerFaultsAndABrokerRestart_stillReconcilesExactly() throws Exception {
        Plan plan = Plan.of(ScenarioSettings.small(43).withFaults(1, true, Duration.ofHours(12), 0.2, 0.15));

        RunSummary summary;
        try (SimulationRun run = SimulationRun.prepare(plan, dir, 0, 0).settleTimeout(Duration.ofSeconds(60))) {
            summary = run.run(p -> { });
        }

        System.out.println(summary.reconciliation().table(10));
        System.out.println(summary.ledger());
        assertThat(summary.reconciliation().differences()).isEmpty();
        assertThat(summary.undelivered()).as("events never receipted").isZero();
        assertThat(summary.ledger().errorsInjected()).isPositive();
        assertThat(summary.ledger().timeoutsInjected()).isPositive();
        assertThat(summary.ledger().downPeriods()).isEqualTo(1);
        assertThat(summary.ledgerViolations()).isEmpty();
        assertThat(summary.fraud()).allSatisfy(f -> assertThat(f.refused()).as(f.toString()).isTrue());
        assertThat(summary.reconciliation().rows()).anySatisfy(r ->
                assertThat(r.key()).isNotEqualTo(new AccountMonth("none", "none")));
    }
}

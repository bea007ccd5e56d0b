package org.carbonkiosk.simulator.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.simulator.fraud.Fraudster;
import org.carbonkiosk.simulator.report.Reconciliation;
import org.carbonkiosk.simulator.report.RunSummary;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.Profile;
import org.carbonkiosk.simulator.residents.Resident.Binding;
import org.carbonkiosk.simulator.residents.Resident;
import org.carbonkiosk.simulator.residents.ScenarioSettings;
import org.carbonkiosk.simulator.truth.GroundTruth;
import org.tinylog.Logger;

/** The run's {@link RunSummary}: the facts of the run, the reconciliation, decisions, fraud and ledger. */
final class RunReport {
    private RunReport() {
    }

    static RunSummary summarise(Plan plan, Environment env, List<KioskNode> kiosks, GroundTruth truth,
                                ResidentDeposits deposits, Settling settling, Fraudster fraudster, Duration elapsed) {
        ScenarioSettings s = plan.settings();
        Reconciliation rec = Reconciliation.of(truth.expected(), env.ledger().totals(), truth.depositCounts());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("seed", Long.toString(s.seed()));
        long claws = kiosks.stream().filter(KioskNode::claw).count();
        facts.put("kiosks", "%d (%d recycling boxes, %d claw kiosks), each a real device agent".formatted(
                kiosks.size(), kiosks.size() - claws, claws));
        List<Resident> rs = plan.residents();
        facts.put("residents", "%d (%d heavy recyclers, %d with two cards, %d cards bound late, %d never bound)".formatted(
                rs.size(), rs.stream().filter(r -> r.profile() == Profile.HEAVY).count(),
                rs.stream().filter(r -> r.cards().size() == 2).count(), cards(plan, Binding.LATER),
                cards(plan, Binding.NEVER)));
        facts.put("simulated period", plan.start().atZone(Timestamps.SHANGHAI).toLocalDateTime() + " to "
                + plan.end().atZone(Timestamps.SHANGHAI).toLocalDateTime() + " " + Timestamps.SHANGHAI.getId());
        facts.put("deposits", deposits.recorded() + " recorded by the kiosks (" + deposits.failed() + " not recorded, "
                + deposits.weightMismatches() + " weighed differently)");
        facts.put("network faults", s.offlineKiosks() + " kiosks offline for hours"
                + (s.brokerRestart() ? ", one broker restart" : ""));
        facts.put("ledger faults", "%.0f%% errors, %.0f%% timeouts after storing, down for %s".formatted(
                s.ledgerErrorRate() * 100, s.ledgerTimeoutRate() * 100, s.ledgerDown()));
        long undelivered = settling.undelivered();
        facts.put("events without a receipt", undelivered + " left in the kiosks' outboxes at the end");
        facts.put("collector", "http://127.0.0.1:" + env.collector().httpPort() + " (data in " + env.dataDir() + ")");
        return new RunSummary(facts, truth, rec, env.observer().decisionsByReason(currentOfHeld(env)),
                s.fraud() ? fraudster.outcomes() : List.of(), env.ledger().stats(),
                env.ledger().violations(), undelivered, elapsed);
    }

    /** Held events as the collector has them now (a release credits them without a new first receipt). */
    private static Map<String, String> currentOfHeld(Environment env) {
        Map<String, String> current = new HashMap<>();
        for (String eventId : env.observer().heldEventIds()) {
            try {
                env.api().event(eventId).ifPresent(d -> current.put(eventId,
                        d.status() + d.reason().map(r -> "/" + r).orElse("")));
            } catch (RuntimeException e) {
                Logger.warn("cannot read event {}: {}", eventId, e.getMessage());
            }
        }
        return current;
    }

    private static long cards(Plan plan, Binding binding) {
        return plan.residents().stream().flatMap(r -> r.cards().stream()).filter(c -> c.binding() == binding).count();
    }
}

package org.carbonkiosk.simulator.integrity;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The fraud trial's result: per fraud, how many were injected and how many were held (by the
 * signal meant to catch it, or by another); for the two kiosk-wide frauds, whether the mass
 * balance flagged the kiosk; and per honest behaviour, how many deposits were held and why.
 * Honest deposits held only because their kiosk was flagged for a real fraud are counted apart.
 */
public final class DetectionTable {
    private final FraudTrial.Settings settings;
    private final Map<Behaviour, Row> rows = new EnumMap<>(Behaviour.class);
    private final List<String> flaggedByMassBalance;
    private final String scaleHighKiosk;
    private final String inventingKiosk;

    /** Deposits of one behaviour: how many, how many held, and the reasons they were held for. */
    public static final class Row {
        int deposits;
        int held;
        final Map<String, Integer> heldFor = new TreeMap<>();
    }

    DetectionTable(FraudTrial.Settings settings, List<Outcome> outcomes, List<String> flaggedByMassBalance,
                   String scaleHighKiosk, String inventingKiosk) {
        this.settings = settings;
        this.flaggedByMassBalance = List.copyOf(flaggedByMassBalance);
        this.scaleHighKiosk = scaleHighKiosk;
        this.inventingKiosk = inventingKiosk;
        for (Outcome o : outcomes) {
            Row row = rows.computeIfAbsent(o.behaviour(), b -> new Row());
            row.deposits++;
            if (o.receipt().status() == DecisionStatus.HELD) {
                row.held++;
                row.heldFor.merge(o.receipt().reason().map(Reason::wire).orElse("-"), 1, Integer::sum);
            }
        }
    }

    public int deposits(Behaviour b) {
        return row(b).deposits;
    }

    public int held(Behaviour b) {
        return row(b).held;
    }

    public int heldFor(Behaviour b, Reason reason) {
        return row(b).heldFor.getOrDefault(reason.wire(), 0);
    }

    public boolean scaleHighKioskFlagged() {
        return flaggedByMassBalance.contains(scaleHighKiosk);
    }

    public boolean inventingKioskFlagged() {
        return flaggedByMassBalance.contains(inventingKiosk);
    }

    /** Honest deposits (every honest behaviour). */
    public int honestDeposits() {
        return rows.entrySet().stream().filter(e -> !e.getKey().fraud()).mapToInt(e -> e.getValue().deposits).sum();
    }

    /** Honest deposits held for a signal of their own (kiosk-flagged holds, a kiosk's review, not counted). */
    public int honestHeld() {
        return rows.entrySet().stream().filter(e -> !e.getKey().fraud()).mapToInt(e -> e.getValue().held
                - e.getValue().heldFor.getOrDefault(Reason.KIOSK_FLAGGED.wire(), 0)).sum();
    }

    /** Honest deposits held while their kiosk was under review for a fraud the trial injected. */
    public int honestHeldUnderReview() {
        return rows.entrySet().stream().filter(e -> !e.getKey().fraud())
                .mapToInt(e -> e.getValue().heldFor.getOrDefault(Reason.KIOSK_FLAGGED.wire(), 0)).sum();
    }

    /** Honest deposits held for a signal of their own, over all honest deposits. */
    public double falsePositiveRate() {
        return honestDeposits() == 0 ? 0 : (double) honestHeld() / honestDeposits();
    }

    /** Per-deposit frauds held, over those injected. */
    public boolean everyFraudHeld() {
        for (Behaviour b : Behaviour.values()) {
            if (b.fraud() && !b.kioskWide() && held(b) < deposits(b)) {
                return false;
            }
        }
        return scaleHighKioskFlagged() && inventingKioskFlagged();
    }

    private Row row(Behaviour b) {
        return rows.getOrDefault(b, new Row());
    }

    /** The table as text, for the console and the docs. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "fraud trial, seed %d: %d kiosks, %d residents each, %d days%n",
                settings.seed(), settings.kiosks(), settings.residentsPerKiosk(), settings.days()));
        b.append(String.format(Locale.ROOT, "%-20s %-52s %8s %6s %10s%n", "signal", "fraud", "injected", "held",
                "by signal"));
        for (Behaviour f : Behaviour.values()) {
            if (f.fraud() && !f.kioskWide()) {
                b.append(String.format(Locale.ROOT, "%-20s %-52s %8d %6d %10d%n", f.caughtBy().get().wire(),
                        f.description(), deposits(f), held(f), heldFor(f, f.caughtBy().get())));
            }
        }
        b.append(String.format(Locale.ROOT, "%-20s %-52s %8s %6s %10s%n", "mass balance", Behaviour.SCALE_HIGH
                .description() + " (" + scaleHighKiosk + ")", "1 kiosk", "", scaleHighKioskFlagged() ? "flagged"
                : "MISSED"));
        b.append(String.format(Locale.ROOT, "%-20s %-52s %8s %6s %10s%n", "mass balance", Behaviour.INVENTED
                .description() + " (" + inventingKiosk + ")", "1 kiosk", "", inventingKioskFlagged() ? "flagged"
                : "MISSED"));
        b.append(String.format(Locale.ROOT, "  deposits credited before the flag: scale-high kiosk %d of %d, invented %d of %d%n",
                deposits(Behaviour.SCALE_HIGH) - held(Behaviour.SCALE_HIGH), deposits(Behaviour.SCALE_HIGH),
                deposits(Behaviour.INVENTED) - held(Behaviour.INVENTED), deposits(Behaviour.INVENTED)));
        b.append(String.format(Locale.ROOT, "%-20s %-52s %8s %6s %10s%n", "honest", "behaviour", "deposits", "held",
                "why"));
        for (Behaviour h : Behaviour.values()) {
            if (!h.fraud()) {
                Row r = row(h);
                b.append(String.format(Locale.ROOT, "%-20s %-52s %8d %6d %10s%n", "", h.description(), r.deposits,
                        r.held, r.heldFor.isEmpty() ? "-" : r.heldFor.toString()));
            }
        }
        b.append(String.format(Locale.ROOT, "false-positive rate: %d of %d honest deposits held for a signal of their"
                        + " own (%.2f %%); %d more held while their kiosk was under review for a real fraud%n",
                honestHeld(), honestDeposits(), 100 * falsePositiveRate(), honestHeldUnderReview()));
        return b.toString();
    }
}

package org.carbonkiosk.simulator.demo;

import java.time.Duration;
import java.util.List;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.simulator.report.Reconciliation;
import org.carbonkiosk.simulator.truth.GroundTruth;
import org.tinylog.Logger;

/**
 * The end of a run: waits until every kiosk's outbox is empty, the collector's queues and
 * ledger backlog are idle, and the ledger matches the ground truth (or has stopped changing).
 */
final class Settling {
    private final Environment env;
    private final List<KioskNode> kiosks;
    private final GroundTruth truth;

    Settling(Environment env, List<KioskNode> kiosks, GroundTruth truth) {
        this.env = env;
        this.kiosks = kiosks;
        this.truth = truth;
    }

    void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stableSince = System.nanoTime();
        int lastCount = -1;
        while (System.nanoTime() < deadline) {
            boolean outboxesEmpty = kiosks.stream().allMatch(k -> k.outboxDepth() == 0);
            String metrics = safeMetrics();
            boolean collectorIdle = metric(metrics, "kiosk_ledger_backlog") == 0
                    && metric(metrics, "kiosk_decision_queue") == 0;
            int count = env.ledger().creditCount();
            if (count != lastCount) {
                lastCount = count;
                stableSince = System.nanoTime();
            }
            boolean matches = Reconciliation.of(truth.expected(), env.ledger().totals(), truth.depositCounts()).allMatch();
            if (outboxesEmpty && collectorIdle && (matches || System.nanoTime() - stableSince > 5_000_000_000L)) {
                return;
            }
            Thread.sleep(200);
        }
        Logger.warn("the fleet did not settle within {}: {} events still without a receipt", timeout, undelivered());
    }

    /** Events still in the kiosks' outboxes (no receipt yet). */
    long undelivered() {
        return kiosks.stream().mapToLong(k -> Math.max(0, k.outboxDepth())).sum();
    }

    private String safeMetrics() {
        try {
            return env.api().metrics();
        } catch (RuntimeException e) {
            return "";
        }
    }

    static long metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String[] parts = line.trim().split("\\s+");
                try {
                    return (long) Double.parseDouble(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}

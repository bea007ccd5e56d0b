package org.carbonkiosk.simulator.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.carbonkiosk.simulator.demo.SimulationRun;
import org.carbonkiosk.simulator.report.RunSummary;
import org.tinylog.Logger;

/**
 * Runs one {@link ChaosSchedule} as a {@link SimulationRun} (real agents, embedded HiveMQ CE,
 * the collector on SQLite, the stub ledger, the simulated clock), then checks the
 * {@link Invariants} and takes the {@link DecisionDigest}.
 */
public final class ChaosRun {
    /**
     * Longest wait at the end for every receipt and ledger credit: generous, because a loaded
     * machine is slow (seed 625 once needed more than 90 s in CI); a settled run stops waiting at once.
     */
    private static final Duration SETTLE = Duration.ofSeconds(300);

    private ChaosRun() {
    }

    public static ChaosResult run(ChaosSchedule schedule, Path dir) throws IOException, InterruptedException {
        long started = System.nanoTime();
        schedule.describe().forEach(line -> Logger.info("chaos {}", line));
        try (SimulationRun run = SimulationRun.prepare(schedule.plan(), dir, 0, 0).settleTimeout(SETTLE)) {
            RunSummary summary;
            try {
                summary = run.run(p -> { });
            } catch (RuntimeException e) {
                Logger.error(e, "chaos seed {} broke off", schedule.seed());
                return new ChaosResult(schedule, List.of("the run broke off: " + e), "", 0, 0, since(started));
            }
            List<String> violations = Invariants.check(summary, run.environment(), run.kiosks());
            String digest = DecisionDigest.of(schedule, run.environment(), run.kiosks(), dir.resolve("decisions.txt"));
            violations.forEach(v -> Logger.error("chaos seed {}: {}", schedule.seed(), v));
            return new ChaosResult(schedule, violations, digest, summary.truth().recorded().size(),
                    run.environment().crashesAfterCommit(), since(started));
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}

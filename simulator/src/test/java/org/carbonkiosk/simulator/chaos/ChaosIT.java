package org.carbonkiosk.simulator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two fixed seeds whose schedules between them drive every fault kind, on the real agents,
 * embedded HiveMQ CE, the collector on SQLite and the stub ledger; the first seed runs twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosIT {
    /** Together these two seeds draw every {@link Fault.Kind} (asserted below); A has no broker reset, so its repeat is quick. */
    private static final long SEED_A = 331;
    private static final long SEED_B = 625;

    @TempDir
    static Path dir;
    private ChaosResult a;
    private ChaosResult b;
    private ChaosResult aAgain;

    @BeforeAll
    void runSeeds() throws Exception {
        a = ChaosRun.run(ChaosSchedule.draw(SEED_A), dir.resolve("a"));
        b = ChaosRun.run(ChaosSchedule.draw(SEED_B), dir.resolve("b"));
        aAgain = ChaosRun.run(ChaosSchedule.draw(SEED_A), dir.resolve("a-again"));
    }

    @Test
    void everyInvariantHolds_underEveryFaultKind() {
        for (ChaosResult r : List.of(a, b, aAgain)) {
            assertThat(r.violations()).as("seed %d, replay: %s", r.schedule().seed(), r.replayLine()).isEmpty();
            assertThat(r.deposits()).as("deposits the kiosks recorded").isPositive();
        }
        Set<Fault.Kind> driven = EnumSet.noneOf(Fault.Kind.class);
        List.of(a, b).forEach(r -> r.schedule().faults().forEach(f -> driven.add(f.kind())));
        assertThat(driven).containsExactlyInAnyOrder(Fault.Kind.values());
        for (ChaosResult r : List.of(a, b)) {
            boolean drawn = r.schedule().faults().stream().anyMatch(f -> f.kind() == Fault.Kind.COLLECTOR_KILLED_AFTER_COMMIT);
            assertThat(r.collectorCrashesAfterCommit() > 0).as("seed %d: the collector died between commit and ack",
                    r.schedule().seed()).isEqualTo(drawn);
        }
    }

    @Test
    void theSameSeed_givesTheSameScheduleAndTheSameDecisions() {
        assertThat(aAgain.schedule().describe()).isEqualTo(a.schedule().describe());
        assertThat(aAgain.deposits()).isEqualTo(a.deposits());
        assertThat(aAgain.decisionDigest()).isNotBlank().isEqualTo(a.decisionDigest());
        assertThat(b.decisionDigest()).isNotEqualTo(a.decisionDigest());
    }
}

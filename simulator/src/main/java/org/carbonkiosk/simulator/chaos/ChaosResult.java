package org.carbonkiosk.simulator.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One seed's outcome: the invariants it broke (none = passed), the digest of its decisions,
 * how many deposits the kiosks recorded, how many times the collector died between a commit
 * and its acknowledgement, and how long it took in real time.
 */
public record ChaosResult(ChaosSchedule schedule, List<String> violations, String decisionDigest, long deposits,
                          int collectorCrashesAfterCommit, Duration elapsed) {

    public ChaosResult {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The command line that runs this seed again. */
    public String replayLine() {
        return "java -jar simulator/target/kiosk-simulator.jar chaos --seed " + schedule.seed();
    }
}

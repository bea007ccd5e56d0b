package org.carbonkiosk.collector;

import java.time.Clock;
import org.carbonkiosk.collector.pipeline.CommitListener;

/**
 * The simulator's way to the collector's two crash hooks, which the collector keeps
 * package-private for tests: a start with a {@link CommitListener} (called after each commit,
 * before receipts and acknowledgements) and {@link CollectorApp#halt()}, a stop that
 * acknowledges nothing more. The chaos run kills the collector between commit and ack with them.
 */
public final class CollectorCrashes {
    private CollectorCrashes() {
    }

    public static CollectorApp start(CollectorConfig config, Clock clock, CommitListener afterEachCommit) {
        return CollectorApp.start(config, clock, afterEachCommit);
    }

    /** Stops at once: a crash. */
    public static void halt(CollectorApp collector) {
        collector.halt();
    }
}

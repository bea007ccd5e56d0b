package org.carbonkiosk.collector.pipeline;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.carbonkiosk.config.ConfigSource;

/**
 * How the decision path is sized.
 *
 * @param verifyThreads        threads checking signatures (the stream's decisions do not depend on it)
 * @param queueCapacity        messages received and not yet decided, at most: the collector's own
 *                             flow control (when full, the event connection stops reading)
 * @param batchSize            decisions committed in one transaction, at most (group commit)
 * @param batchWait            how long a batch stays open for more messages, at most
 * @param receiptQueueCapacity receipts waiting for the broker, at most (beyond: dropped and counted)
 */
public record IngestSettings(int verifyThreads, int queueCapacity, int batchSize, Duration batchWait,
                             int receiptQueueCapacity) {

    public IngestSettings {
        if (verifyThreads < 1 || verifyThreads > 256) {
            throw new IllegalArgumentException("ingest.verifyThreads must be within [1, 256]");
        }
        if (queueCapacity < 1 || queueCapacity > 1_000_000) {
            throw new IllegalArgumentException("ingest.queueCapacity must be within [1, 1000000]");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("ingest.batchSize must be within [1, 10000]");
        }
        if (batchWait.isNegative() || batchWait.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("ingest.batchWait must be within [0, 1s]");
        }
        if (receiptQueueCapacity < 1) {
            throw new IllegalArgumentException("ingest.receiptQueueCapacity must be at least 1");
        }
    }

    /** Defaults: one verify thread per core, 4096 in flight, batches of 512 open for nothing more than what is queued, 65536 receipts. */
    public static IngestSettings defaults() {
        return new IngestSettings(Math.max(1, Runtime.getRuntime().availableProcessors()), 4096, 512,
                Duration.ZERO, 65_536);
    }

    /** Reads {@code ingest.*}; absent keys keep {@link #defaults()}. */
    public static IngestSettings from(ConfigSource s) {
        IngestSettings d = defaults();
        Duration wait = s.duration("ingest.batchWait", ChronoUnit.SECONDS, d.batchWait(), Duration.ZERO,
                Duration.ofSeconds(1));
        return new IngestSettings(s.integer("ingest.verifyThreads", d.verifyThreads(), 1, 256),
                s.integer("ingest.queueCapacity", d.queueCapacity(), 1, 1_000_000),
                s.integer("ingest.batchSize", d.batchSize(), 1, 10_000),
                wait, s.integer("ingest.receiptQueueCapacity", d.receiptQueueCapacity(), 1, 10_000_000));
    }
}

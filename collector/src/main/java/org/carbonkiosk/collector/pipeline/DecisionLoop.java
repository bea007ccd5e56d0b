package org.carbonkiosk.collector.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.decide.Decided;
import org.carbonkiosk.collector.decide.DecisionCore;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.decide.Screened;
import org.carbonkiosk.collector.ingest.Inbound;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.StoreException;
import org.carbonkiosk.protocol.message.Reason;
import org.tinylog.Logger;

/**
 * The one deciding thread: takes screened messages in delivery order, a batch at a time,
 * decides them in one transaction (group commit), then hands the batch to {@link AfterCommit}.
 * A batch whose commit fails because the store is down is tried again, whole and in order,
 * never acknowledged meanwhile; a batch that fails because of a defect is decided one by one
 * so that only the message at fault is set apart.
 */
public final class DecisionLoop {
    private final OrderedVerifier verified;
    private final DecisionCore core;
    private final DecisionStore.Transactions transactions;
    private final AfterCommit after;
    private final Metrics metrics;
    private final Clock clock;
    private final IngestSettings settings;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean halted;

    public DecisionLoop(OrderedVerifier verified, DecisionCore core, DecisionStore.Transactions transactions,
                        AfterCommit after, Metrics metrics, Clock clock, IngestSettings settings) {
        this.verified = verified;
        this.core = core;
        this.transactions = transactions;
        this.after = after;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.thread = new Thread(this::run, "decide");
    }

    public void start() {
        thread.start();
    }

    /** Decides what is queued (bounded wait), then stops. Call after the ingest stopped accepting. */
    public void stop() {
        running = false;
        join(30_000);
    }

    /** Stops at once; nothing further is committed or acknowledged (a crash, for tests). */
    public void halt() {
        halted = true;
        running = false;
        verified.discard();
        thread.interrupt();
        join(10_000);
    }

    private void join(long ms) {
        try {
            thread.join(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    private void run() {
        while (!halted && (running || verified.queued() > 0)) {
            try {
                List<Inbound> inbound = new ArrayList<>();
                List<Screened> batch = verified.next(settings.batchSize(), settings.batchWait(), inbound);
                if (!batch.isEmpty()) {
                    process(inbound, batch);
                }
            } catch (InterruptedException e) {
                Logger.warn("decision loop interrupted; unacknowledged messages will be delivered again");
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "decision loop: unexpected failure; the batch stays unacknowledged");
            }
        }
    }

    private void process(List<Inbound> inbound, List<Screened> batch) throws InterruptedException {
        List<Decided> decided;
        try {
            decided = commitRetrying(batch);
        } catch (RuntimeException defect) {
            Logger.warn("batch of {} failed ({}); deciding one by one", batch.size(), String.valueOf(defect));
            for (int i = 0; i < batch.size(); i++) {
                processAlone(inbound.get(i), batch.get(i));
            }
            return;
        }
        if (decided != null) {
            after.decided(inbound, batch, decided);
        }
    }

    private void processAlone(Inbound in, Screened s) throws InterruptedException {
        List<Decided> decided;
        try {
            decided = commitRetrying(List.of(s));
        } catch (RuntimeException defect) {
            recordDefect(in, s, defect);
            return;
        }
        if (decided != null) {
            after.decided(List.of(in), List.of(s), decided);
        }
    }

    /** Commits the batch, retrying while the store is down; null when stopped meanwhile. */
    private List<Decided> commitRetrying(List<Screened> batch) throws InterruptedException {
        long backoffMs = 100;
        while (true) {
            try {
                long start = System.nanoTime();
                List<Decided> decided = transactions.inTransaction(store -> {
                    List<Decided> out = new ArrayList<>(batch.size());
                    for (Screened s : batch) {
                        out.add(core.decide(store, s, clock.instant()));
                    }
                    return out;
                });
                metrics.committed(batch.size(), System.nanoTime() - start);
                Instant committed = clock.instant();
                for (Screened s : batch) {
                    metrics.decisionLatency(Duration.between(s.receivedAt(), committed));
                }
                return decided;
            } catch (StoreException e) {
                if (halted) {
                    Logger.warn("stopping: {} messages stay unacknowledged ({})", batch.size(), e.getMessage());
                    return null;
                }
                Logger.warn("cannot commit {} decisions ({}); retrying in {} ms", batch.size(), e.getMessage(),
                        backoffMs);
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    /**
     * A message that cannot be decided because of a defect (not the store being down): recorded
     * for audit and acknowledged without a receipt, so the stream goes on; the kiosk keeps the
     * event and sends it again.
     */
    private void recordDefect(Inbound in, Screened s, RuntimeException e) {
        Logger.error(e, "topic={} cannot be decided; recorded, acknowledged, no receipt", in.topic());
        try {
            transactions.inTransaction(store -> {
                store.recordRejection(new DecisionStore.Rejection(in.topic(), in.receivedAt(), Reason.MALFORMED,
                        "internal error: " + e, eventIdOf(s), in.raw()));
                return null;
            });
        } catch (RuntimeException again) {
            Logger.error("cannot record it either: {}", again.getMessage());
        }
        after.failed(in);
    }

    private static Optional<String> eventIdOf(Screened s) {
        if (s instanceof Screened.Verified v) {
            return Optional.of(v.decoded().event().eventId());
        }
        return ((Screened.Refused) s).eventId();
    }
}

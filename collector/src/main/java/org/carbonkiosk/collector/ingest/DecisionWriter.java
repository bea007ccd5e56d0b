package org.carbonkiosk.collector.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.carbonkiosk.collector.decide.Decided;
import org.carbonkiosk.collector.decide.Decider;
import org.carbonkiosk.collector.decide.Screened;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoreException;
import org.tinylog.Logger;

/**
 * Commits decisions, many per transaction (group commit), then sends receipts and only then
 * acknowledges the MQTT messages. A message whose decision cannot be committed is never
 * acknowledged: the broker (or the device) delivers it again.
 */
public final class DecisionWriter {
    /** A screened message waiting for its decision, with its acknowledgement. */
    public record Pending(Screened screened, Runnable acknowledge) {
    }

    private final Store store;
    private final Decider decider;
    private final ReceiptPublisher receipts;
    private final DeviceLiveState live;
    private final Metrics metrics;
    private final CommitListener listener;
    private final int batchSize;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public DecisionWriter(Store store, Decider decider, ReceiptPublisher receipts, DeviceLiveState live,
                          Metrics metrics, CommitListener listener, int batchSize) {
        this.store = store;
        this.decider = decider;
        this.receipts = receipts;
        this.live = live;
        this.metrics = metrics;
        this.listener = listener;
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "decision-writer");
    }

    public void start() {
        thread.start();
    }

    public void submit(Pending p) {
        queue.add(p);
    }

    public int queued() {
        return queue.size();
    }

    /** Finishes what is queued (bounded wait), then stops. */
    public void stop() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    /** Stops at once without acknowledging anything further (a crash, for tests). */
    public void halt() {
        running = false;
        queue.clear();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                process(batch);
            } catch (InterruptedException e) {
                Logger.warn("decision writer interrupted; unacknowledged messages will be delivered again");
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "decision writer: unexpected failure; messages stay unacknowledged");
            }
        }
    }

    private void process(List<Pending> batch) throws InterruptedException {
        List<Decided> decided;
        try {
            decided = commit(batch);
        } catch (RuntimeException e) {
            Logger.warn("batch of {} failed ({}); deciding one by one", batch.size(), e.getMessage());
            for (Pending p : batch) {
                processAlone(p);
            }
            return;
        }
        finish(batch, decided);
    }

    private void processAlone(Pending p) throws InterruptedException {
        long backoffMs = 100;
        while (true) {
            try {
                finish(List.of(p), commit(List.of(p)));
                return;
            } catch (StoreException e) {
                if (!running) {
                    Logger.warn("stopping: a message stays unacknowledged ({})", e.getMessage());
                    return;
                }
                Logger.warn("cannot commit a decision ({}); retrying in {} ms", e.getMessage(), backoffMs);
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            } catch (RuntimeException e) {
                recordInternalFailure(p, e);
                return;
            }
        }
    }

    /**
     * A message that cannot be decided because of a defect (not the store being down): recorded
     * for audit and acknowledged without a receipt, so the flow of acknowledgements goes on and
     * the kiosk keeps the event and sends it again.
     */
    private void recordInternalFailure(Pending p, RuntimeException e) {
        Logger.error(e, "topic={} cannot be decided; recorded, acknowledged, no receipt", p.screened().topic());
        try {
            store.db().write(c -> {
                store.rejections().insert(c, p.screened().topic(), p.screened().receivedAt().toString(),
                        org.carbonkiosk.protocol.message.Reason.MALFORMED, "internal error: " + e,
                        java.util.Optional.empty(), p.screened().raw());
                return null;
            });
        } catch (RuntimeException again) {
            Logger.error("cannot record it either: {}", again.getMessage());
        }
        p.acknowledge().run();
    }

    private List<Decided> commit(List<Pending> batch) {
        return store.db().write(c -> {
            List<Decided> out = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                out.add(decider.decide(c, p.screened()));
            }
            return out;
        });
    }

    private void finish(List<Pending> batch, List<Decided> decided) throws InterruptedException {
        listener.committed(decided);
        for (int i = 0; i < batch.size(); i++) {
            Decided d = decided.get(i);
            Pending p = batch.get(i);
            d.receiptDevice().ifPresent(device -> receipts.publish(device, d.receipt()));
            p.acknowledge().run();
            metrics.decided(d.receipt());
            if (p.screened() instanceof Screened.Verified v) {
                live.seen(v.decoded().event().deviceId(), v.receivedAt());
            }
            if (d.receipt().status() == org.carbonkiosk.protocol.message.DecisionStatus.CREDITED) {
                Logger.debug("topic={} eventId={} {} {} {} g{}", p.screened().topic(), d.eventId().orElse("-"),
                        d.receipt().status().wire(), d.receipt().reason().map(r -> r.wire()).orElse(""),
                        d.receipt().creditedGrams(), d.receipt().repeat() ? " (repeat)" : "");
            } else {
                Logger.info("topic={} eventId={} {} {}{}", p.screened().topic(), d.eventId().orElse("-"),
                        d.receipt().status().wire(), d.receipt().reason().map(r -> r.wire()).orElse(""),
                        d.receipt().repeat() ? " (repeat)" : "");
            }
        }
    }
}

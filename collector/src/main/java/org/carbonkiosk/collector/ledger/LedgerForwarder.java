package org.carbonkiosk.collector.ledger;

import org.carbonkiosk.config.Backoff;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.LedgerOutboxStore.OutboxRow;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoreException;
import org.tinylog.Logger;

/**
 * Sends the outbox to the ledger: the oldest pending credit of each account at a time (so in
 * order per account), each claimed with a lease so several collectors never interleave one
 * account; retries with backoff, dead letters on other 4xx. Timers use real time.
 */
public final class LedgerForwarder {
    private static final long LEASE_MS = 60_000;
    private final Store store;
    private final Ledger ledger;
    private final Backoff backoff;
    private final Metrics metrics;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object wake = new Object();

    public LedgerForwarder(Store store, Ledger ledger, Backoff backoff, Metrics metrics) {
        this.store = store;
        this.ledger = ledger;
        this.backoff = backoff;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "ledger-forwarder");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Looks at the outbox now (after a commit or an operator retry). */
    public void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public void stop() {
        running.set(false);
        nudge();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running.get()) {
            int sent = 0;
            try {
                sent = forwardDue();
            } catch (StoreException e) {
                Logger.warn("ledger forwarder: store unavailable: {}", e.getMessage());
            } catch (RuntimeException e) {
                Logger.error(e, "ledger forwarder: unexpected failure");
            }
            if (sent == 0) {
                synchronized (wake) {
                    try {
                        wake.wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** One round: sends every due head once; returns how many were sent. */
    int forwardDue() {
        long now = System.currentTimeMillis();
        List<OutboxRow> due = store.db().read(c -> store.outbox().dueHeads(c, now, 200));
        int sent = 0;
        for (OutboxRow row : due) {
            if (!running.get()) {
                break;
            }
            boolean claimed = store.db().write(c -> store.outbox().claim(c, row, now + LEASE_MS));
            if (!claimed) {
                continue;
            }
            long sendStart = System.nanoTime();
            LedgerResult result = ledger.send(row.creditId(), row.body());
            metrics.ledgerRoundTrip(System.nanoTime() - sendStart);
            sent++;
            String at = java.time.Instant.now().toString();
            switch (result.kind()) {
                case ACCEPTED -> {
                    store.db().write(c -> {
                        store.outbox().markForwarded(c, row.id(), at);
                        return null;
                    });
                    metrics.ledgerForwarded();
                    Logger.debug("eventId={} forwarded to the ledger ({})", row.creditId(), result.detail());
                }
                case DEAD -> {
                    store.db().write(c -> {
                        store.outbox().markDead(c, row.id(), result.detail());
                        return null;
                    });
                    metrics.ledgerFailure("dead");
                    Logger.error("eventId={} refused by the ledger, dead letter: {}", row.creditId(), result.detail());
                }
                default -> {
                    long delay = backoff.jitteredDelayMs(row.attempts() + 1);
                    store.db().write(c -> {
                        store.outbox().markRetry(c, row.id(), System.currentTimeMillis() + delay, result.detail());
                        return null;
                    });
                    metrics.ledgerFailure("retry");
                    Logger.warn("eventId={} ledger attempt {} failed ({}); retry in {} ms", row.creditId(),
                            row.attempts() + 1, result.detail(), delay);
                }
            }
        }
        return sent;
    }
}

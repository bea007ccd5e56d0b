package org.carbonkiosk.collector.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonkiosk.collector.decide.Screened;
import org.carbonkiosk.collector.decide.Screener;
import org.carbonkiosk.collector.ingest.Inbound;
import org.carbonkiosk.collector.ingest.InboundSink;
import org.carbonkiosk.collector.logging.RateLimitedWarning;
import org.carbonkiosk.collector.store.StoreException;
import org.carbonkiosk.protocol.message.Reason;
import org.tinylog.Logger;

/**
 * Verify in parallel, hand on in delivery order. Each received message gets a place in one
 * bounded queue, in the order the broker delivered it, and its screening runs on the verify
 * threads; the decision loop takes places from the head, waiting for a screening that is not
 * done yet. The queue's capacity is all the collector holds: when it is full,
 * {@link #accept} waits, and with it the broker connection's reader.
 */
public final class OrderedVerifier implements InboundSink, AutoCloseable {
    /** A message with its screening, done or under way. */
    record Pending(Inbound inbound, CompletableFuture<Screened> screened) {
    }

    private final Screener screener;
    private final BlockingQueue<Pending> inOrder;
    private final ExecutorService verifiers;
    private volatile boolean accepting = true;
    private final RateLimitedWarning keyLookupFailed = new RateLimitedWarning(
            "cannot look up a device key (the store is down?); the message keeps its place and is tried again",
            Duration.ofSeconds(10));

    public OrderedVerifier(Screener screener, int threads, int capacity) {
        this.screener = screener;
        this.inOrder = new ArrayBlockingQueue<>(capacity);
        AtomicInteger n = new AtomicInteger();
        this.verifiers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes a message in delivery order; waits while the queue is full. Dropped when stopping (not acknowledged). */
    @Override
    public void accept(Inbound in) throws InterruptedException {
        if (!accepting) {
            return;
        }
        Pending p = new Pending(in, new CompletableFuture<>());
        while (!inOrder.offer(p, 100, TimeUnit.MILLISECONDS)) {
            if (!accepting) {
                return;
            }
        }
        try {
            verifiers.execute(() -> p.screened().complete(screen(in)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            p.screened().complete(internalFailure(in, e)); // closing: recorded, never lost silently
        }
    }

    /**
     * The next messages in delivery order, each screened: at least one (waiting up to 100 ms for
     * it, else none), at most {@code max}, collecting for at most {@code wait} after the first.
     */
    List<Screened> next(int max, Duration wait, List<Inbound> inbound) throws InterruptedException {
        Pending first = inOrder.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        inOrder.drainTo(batch, max - 1);
        long deadline = System.nanoTime() + wait.toNanos();
        while (batch.size() < max) {
            long left = deadline - System.nanoTime();
            Pending more = left > 0 ? inOrder.poll(left, TimeUnit.NANOSECONDS) : null;
            if (more == null) {
                break;
            }
            batch.add(more);
            inOrder.drainTo(batch, max - batch.size());
        }
        List<Screened> out = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            inbound.add(p.inbound());
            out.add(p.screened().join());
        }
        return out;
    }

    public int queued() {
        return inOrder.size();
    }

    /** Stops taking messages; those queued are still handed on. */
    public void stopAccepting() {
        accepting = false;
    }

    /** Drops what is queued, unacknowledged (a crash, for tests). */
    void discard() {
        accepting = false;
        inOrder.clear();
    }

    private Screened screen(Inbound in) {
        long backoffMs = 100;
        while (true) {
            try {
                return screener.screen(in.topic(), in.raw(), in.receivedAt());
            } catch (StoreException e) {
                // A key lookup failed: the store is down. Keep the message's place and try again.
                keyLookupFailed.warn(e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return internalFailure(in, ie);
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            } catch (RuntimeException e) {
                Logger.error(e, "topic={} unexpected failure screening a message; recorded as malformed", in.topic());
                return internalFailure(in, e);
            }
        }
    }

    private static Screened internalFailure(Inbound in, Exception e) {
        return new Screened.Refused(in.topic(), in.raw(), in.receivedAt(), Reason.MALFORMED, "internal: " + e,
                Optional.empty(), Optional.empty());
    }

    @Override
    public void close() {
        accepting = false;
        verifiers.shutdownNow();
    }
}

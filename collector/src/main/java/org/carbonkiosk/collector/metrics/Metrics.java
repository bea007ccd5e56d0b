package org.carbonkiosk.collector.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.carbonkiosk.protocol.message.Receipt;

/** Counters and gauges, written as Prometheus text (hand-written: a handful of series). */
public final class Metrics {
    private final ConcurrentHashMap<String, LongAdder> decisions = new ConcurrentHashMap<>();
    private final LongAdder verifyCount = new LongAdder();
    private final LongAdder verifyNanos = new LongAdder();
    private final LongAdder ledgerForwarded = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder committedDecisions = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> ledgerFailures = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    private final Map<String, DeviceGauge> deviceGauges = new ConcurrentHashMap<>();

    private record Gauge(String help, LongSupplier value) {
    }

    private record DeviceGauge(String help, Supplier<Map<String, Long>> values) {
    }

    /** Counts one decided message by status, reason and whether it was a repeat. */
    public void decided(Receipt r) {
        String key = "status=\"" + r.status().wire() + "\",reason=\"" + r.reason().map(x -> x.wire()).orElse("")
                + "\",repeat=\"" + r.repeat() + "\"";
        decisions.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public void verifyNanos(long nanos) {
        verifyCount.increment();
        verifyNanos.add(nanos);
    }

    /** One group commit of {@code decisions} decisions that took {@code nanos}. */
    public void committed(int decisions, long nanos) {
        commits.increment();
        committedDecisions.add(decisions);
        commitNanos.add(nanos);
    }

    public void ledgerForwarded() {
        ledgerForwarded.increment();
    }

    /** kind: {@code retry} (5xx, timeout, connection) or {@code dead} (other 4xx). */
    public void ledgerFailure(String kind) {
        ledgerFailures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Registers a gauge read at scrape time. */
    public void gauge(String name, String help, LongSupplier value) {
        gauges.put(name, new Gauge(help, value));
    }

    /** Registers a gauge with one series per device ({@code device_id} label), read at scrape time. */
    public void deviceGauge(String name, String help, Supplier<Map<String, Long>> values) {
        deviceGauges.put(name, new DeviceGauge(help, values));
    }

    /** All decisions counted so far. */
    public long decisionTotal() {
        return decisions.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public String scrape() {
        StringBuilder b = new StringBuilder();
        b.append("# HELP kiosk_events_total Messages decided, by status, reason and repeat.\n");
        b.append("# TYPE kiosk_events_total counter\n");
        new TreeMap<>(decisions).forEach((k, v) -> b.append("kiosk_events_total{").append(k).append("} ")
                .append(v.sum()).append('\n'));
        b.append("# HELP kiosk_verify_seconds Ed25519 signature verification time.\n");
        b.append("# TYPE kiosk_verify_seconds summary\n");
        b.append("kiosk_verify_seconds_count ").append(verifyCount.sum()).append('\n');
        b.append("kiosk_verify_seconds_sum ").append(verifyNanos.sum() / 1e9).append('\n');
        b.append("# HELP kiosk_commit_seconds Group commits of decisions (count: transactions).\n");
        b.append("# TYPE kiosk_commit_seconds summary\n");
        b.append("kiosk_commit_seconds_count ").append(commits.sum()).append('\n');
        b.append("kiosk_commit_seconds_sum ").append(commitNanos.sum() / 1e9).append('\n');
        b.append("# HELP kiosk_committed_decisions_total Decisions committed (over kiosk_commit_seconds_count: the mean batch).\n");
        b.append("# TYPE kiosk_committed_decisions_total counter\n");
        b.append("kiosk_committed_decisions_total ").append(committedDecisions.sum()).append('\n');
        b.append("# HELP kiosk_ledger_forwarded_total Credits accepted by the ledger.\n");
        b.append("# TYPE kiosk_ledger_forwarded_total counter\n");
        b.append("kiosk_ledger_forwarded_total ").append(ledgerForwarded.sum()).append('\n');
        b.append("# HELP kiosk_ledger_failures_total Failed ledger attempts, by kind (retry, dead).\n");
        b.append("# TYPE kiosk_ledger_failures_total counter\n");
        for (String kind : new String[] {"retry", "dead"}) {
            LongAdder a = ledgerFailures.get(kind);
            b.append("kiosk_ledger_failures_total{kind=\"").append(kind).append("\"} ")
                    .append(a == null ? 0 : a.sum()).append('\n');
        }
        new TreeMap<>(gauges).forEach((name, g) -> {
            b.append("# HELP ").append(name).append(' ').append(g.help()).append('\n');
            b.append("# TYPE ").append(name).append(" gauge\n");
            long value;
            try {
                value = g.value().getAsLong();
            } catch (RuntimeException e) {
                value = -1;
            }
            b.append(name).append(' ').append(value).append('\n');
        });
        new TreeMap<>(deviceGauges).forEach((name, g) -> {
            b.append("# HELP ").append(name).append(' ').append(g.help()).append('\n');
            b.append("# TYPE ").append(name).append(" gauge\n");
            Map<String, Long> values;
            try {
                values = new TreeMap<>(g.values().get());
            } catch (RuntimeException e) {
                values = Map.of();
            }
            // device ids match ^[A-Z0-9][A-Z0-9-]{2,31}$: nothing to escape in the label value
            values.forEach((device, v) -> b.append(name).append("{device_id=\"").append(device).append("\"} ")
                    .append(v).append('\n'));
        });
        return b.toString();
    }
}

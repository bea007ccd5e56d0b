package org.carbonkiosk.collector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.carbonkiosk.protocol.message.Receipt;
import org.tinylog.Logger;

/**
 * The collector's metrics, kept by Micrometer and written in the Prometheus text format:
 * decisions by status and reason, histograms of signature verification, of each group commit's
 * time and size, of the time from receiving a message to its committed decision, and of the
 * ledger's round trip; gauges read at scrape time, some with one series per device.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Timer verify = Timer.builder("kiosk_verify_seconds")
            .description("Ed25519 signature verification.")
            .serviceLevelObjectives(micros(50), micros(100), micros(200), micros(500), millis(1), millis(5))
            .register(registry);
    private final Timer commit = Timer.builder("kiosk_commit_seconds")
            .description("Group commits of decisions: one transaction each.")
            .serviceLevelObjectives(millis(1), millis(5), millis(10), millis(50), millis(100), millis(500),
                    millis(1000))
            .register(registry);
    private final DistributionSummary batch = DistributionSummary.builder("kiosk_commit_batch_size")
            .description("Decisions per group commit.")
            .serviceLevelObjectives(1, 2, 5, 10, 50, 100, 200, 512)
            .register(registry);
    private final Counter committedDecisions = Counter.builder("kiosk_committed_decisions_total")
            .description("Decisions committed (over kiosk_commit_seconds_count: the mean batch).").register(registry);
    private final Timer latency = Timer.builder("kiosk_decision_latency_seconds")
            .description("From receiving a message to its committed decision.")
            .serviceLevelObjectives(millis(5), millis(10), millis(50), millis(100), millis(500), millis(1000),
                    millis(5000))
            .register(registry);
    private final Timer ledgerRoundTrip = Timer.builder("kiosk_ledger_round_trip_seconds")
            .description("One POST /v1/credits to the ledger, answered or failed.")
            .serviceLevelObjectives(millis(10), millis(50), millis(100), millis(500), millis(1000), millis(5000))
            .register(registry);
    private final Counter ledgerForwarded = Counter.builder("kiosk_ledger_forwarded_total")
            .description("Credits accepted by the ledger.").register(registry);
    private final Map<String, Counter> ledgerFailures = new ConcurrentHashMap<>();
    private final Map<String, DeviceGauge> deviceGauges = new ConcurrentHashMap<>();

    /**
     * A gauge family with one series per device: each device's gauge is registered once and reads
     * the value of the latest scrape, so a scrape with 10,000 kiosks registers nothing new.
     */
    private record DeviceGauge(String name, String help, Supplier<Map<String, Long>> values,
                               Map<String, Long> current, Map<String, Gauge> gauges) {
    }

    public Metrics() {
        for (String kind : List.of("retry", "dead")) {
            ledgerFailure(kind, false);
        }
    }

    /** Counts one decided message by status, reason and whether it was a repeat. */
    public void decided(Receipt r) {
        String reason = r.reason().map(x -> x.wire()).orElse("");
        String key = r.status().wire() + "|" + reason + "|" + r.repeat();
        decisions.computeIfAbsent(key, k -> Counter.builder("kiosk_events_total")
                .description("Messages decided, by status, reason and repeat.")
                .tags("status", r.status().wire(), "reason", reason, "repeat", String.valueOf(r.repeat()))
                .register(registry)).increment();
    }

    public void verifyNanos(long nanos) {
        verify.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One group commit of {@code decisions} decisions that took {@code nanos}. */
    public void committed(int decisions, long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
        batch.record(decisions);
        committedDecisions.increment(decisions);
    }

    /** A message's decision committed {@code sinceReceived} after it was received. */
    public void decisionLatency(Duration sinceReceived) {
        latency.record(sinceReceived.isNegative() ? Duration.ZERO : sinceReceived);
    }

    /** One ledger request that took {@code nanos}, whatever its answer. */
    public void ledgerRoundTrip(long nanos) {
        ledgerRoundTrip.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void ledgerForwarded() {
        ledgerForwarded.increment();
    }

    /** kind: {@code retry} (5xx, timeout, connection) or {@code dead} (other 4xx). */
    public void ledgerFailure(String kind) {
        ledgerFailure(kind, true);
    }

    private void ledgerFailure(String kind, boolean count) {
        Counter c = ledgerFailures.computeIfAbsent(kind, k -> Counter.builder("kiosk_ledger_failures_total")
                .description("Failed ledger attempts, by kind (retry, dead).").tag("kind", k).register(registry));
        if (count) {
            c.increment();
        }
    }

    /** Registers a gauge read at scrape time (-1 when reading it fails). */
    public void gauge(String name, String help, LongSupplier value) {
        Gauge.builder(name, () -> {
            try {
                return value.getAsLong();
            } catch (RuntimeException e) {
                Logger.debug("gauge {} not read: {}", name, e.getMessage());
                return -1;
            }
        }).description(help).register(registry);
    }

    /** Registers a gauge with one series per device ({@code device_id} label), read at scrape time. */
    public void deviceGauge(String name, String help, Supplier<Map<String, Long>> values) {
        deviceGauges.put(name, new DeviceGauge(name, help, values, new ConcurrentHashMap<>(), new HashMap<>()));
    }

    /** All decisions counted so far. */
    public long decisionTotal() {
        return (long) decisions.values().stream().mapToDouble(Counter::count).sum();
    }

    /** The Prometheus text format; the per-device gauges are read now. */
    public synchronized String scrape() {
        deviceGauges.values().forEach(this::refresh);
        return registry.scrape();
    }

    private static Map<String, Long> read(DeviceGauge g) {
        try {
            return g.values().get();
        } catch (RuntimeException e) {
            Logger.debug("device gauge {} not read: {}", g.name(), e.getMessage());
            return Map.of();
        }
    }

    /** Reads the family's values now: new devices get their gauge, devices without a value lose theirs. */
    private void refresh(DeviceGauge g) {
        Map<String, Long> values = read(g);
        g.current().putAll(values);
        g.current().keySet().retainAll(values.keySet());
        for (Map.Entry<String, Long> e : values.entrySet()) {
            String device = e.getKey();
            g.gauges().computeIfAbsent(device, id -> Gauge.builder(g.name(), g.current(),
                    m -> m.getOrDefault(id, 0L).doubleValue()).description(g.help()).tags("device_id", id)
                    .register(registry));
        }
        g.gauges().entrySet().removeIf(e -> {
            if (values.containsKey(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue());
            return true;
        });
    }

    private static Duration micros(long n) {
        return Duration.ofNanos(n * 1000);
    }

    private static Duration millis(long n) {
        return Duration.ofMillis(n);
    }
}

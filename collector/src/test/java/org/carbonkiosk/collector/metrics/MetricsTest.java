package org.carbonkiosk.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Test;

/** The metrics as Prometheus scrapes them: names, labels, histogram buckets, per-device series. */
class MetricsTest {
    private final Metrics metrics = new Metrics();

    @Test
    void scrape_countsDecisionsByStatusAndReason_andWritesTheHistograms() {
        metrics.decided(new Receipt("A-1:1", DecisionStatus.CREDITED, 1500, Optional.of(1500), Optional.of(4500),
                Optional.empty(), false));
        metrics.decided(new Receipt("A-1:2", DecisionStatus.HELD, 0, Optional.empty(), Optional.empty(),
                Optional.of(Reason.WEIGHT_CHAIN), false));
        metrics.decided(new Receipt("A-1:3", DecisionStatus.HELD, 0, Optional.empty(), Optional.empty(),
                Optional.of(Reason.WEIGHT_CHAIN), false));
        metrics.verifyNanos(80_000);
        metrics.committed(3, 2_000_000);
        metrics.decisionLatency(Duration.ofMillis(7));
        metrics.ledgerRoundTrip(20_000_000);
        String text = metrics.scrape();
        assertThat(text).contains("kiosk_events_total{reason=\"weight-chain\",repeat=\"false\",status=\"held\"} 2");
        assertThat(text).contains("kiosk_verify_seconds_count 1").contains("kiosk_verify_seconds_bucket{le=\"1.0E-4\"} 1");
        assertThat(text).contains("kiosk_commit_batch_size_bucket{le=\"5.0\"} 1").contains("kiosk_commit_batch_size_sum 3");
        assertThat(text).contains("kiosk_committed_decisions_total 3");
        assertThat(text).contains("kiosk_decision_latency_seconds_bucket{le=\"0.005\"} 0")
                .contains("kiosk_decision_latency_seconds_bucket{le=\"0.01\"} 1");
        assertThat(text).contains("kiosk_ledger_round_trip_seconds_count 1");
        assertThat(text).contains("kiosk_ledger_failures_total{kind=\"dead\"} 0");
        assertThat(metrics.decisionTotal()).isEqualTo(3);
    }

    @Test
    void scrape_readsGaugesNow_andDeviceGaugesOneSeriesPerDevice() {
        long[] value = {4};
        metrics.gauge("kiosk_decision_queue", "waiting", () -> value[0]);
        metrics.gauge("kiosk_broken", "fails", () -> {
            throw new IllegalStateException("store down");
        });
        Map<String, Long> devices = new java.util.HashMap<>(Map.of("WH-HS-0001", 1L, "WH-HS-0002", 0L));
        metrics.deviceGauge("kiosk_mass_balance_out_of_tolerance", "out", () -> Map.copyOf(devices));
        assertThat(metrics.scrape()).contains("kiosk_decision_queue 4").contains("kiosk_broken -1")
                .contains("kiosk_mass_balance_out_of_tolerance{device_id=\"WH-HS-0001\"} 1")
                .contains("kiosk_mass_balance_out_of_tolerance{device_id=\"WH-HS-0002\"} 0");
        value[0] = 9;
        devices.remove("WH-HS-0002");
        devices.put("WH-HS-0001", 0L);
        devices.put("WH-HS-0003", 1L);
        String later = metrics.scrape();
        assertThat(later).contains("kiosk_decision_queue 9").doesNotContain("WH-HS-0002")
                .contains("kiosk_mass_balance_out_of_tolerance{device_id=\"WH-HS-0001\"} 0")
                .contains("kiosk_mass_balance_out_of_tolerance{device_id=\"WH-HS-0003\"} 1");
        devices.put("WH-HS-0002", 1L);
        assertThat(metrics.scrape()).contains("kiosk_mass_balance_out_of_tolerance{device_id=\"WH-HS-0002\"} 1");
    }
}

package org.carbonkiosk.simulator.load;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.simulator.Logging;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code worstday}: the city's worst day. Every kiosk comes back online at once with a day's
 * backlog; all of it is published at full speed through the broker; the clock runs from the
 * first publish to the last receipt. Then the collector's CPU time per event against one
 * signature check's, and the p99 publish-to-receipt latency at 10 % of the measured rate
 * against the same round trip through the same broker with a trivial echo subscriber.
 */
@Command(name = "worstday", mixinStandardHelpOptions = true,
        description = "The worst-day benchmark: a city's backlog published at once; time to the last receipt, CPU per event, p99 at 10 %.")
public final class WorstDayCommand implements Callable<Integer> {
    @Mixin
    CollectorTarget target;

    @Option(names = "--collector-pid", defaultValue = "0", description = "the collector's process id, for its CPU time (0 = skip)")
    long collectorPid;

    @Option(names = "--devices", defaultValue = "10000", description = "kiosks (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--per-kiosk", defaultValue = "25", description = "backlog per kiosk (default ${DEFAULT-VALUE})")
    int perKiosk;

    @Option(names = "--residents", defaultValue = "5000", description = "cards bound to accounts (default ${DEFAULT-VALUE})")
    int residents;

    @Option(names = "--publishers", defaultValue = "8", description = "MQTT connections publishing (default ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "length of each 10 % phase (default ${DEFAULT-VALUE})")
    int latencySeconds;

    @Override
    public Integer call() throws Exception {
        Logging.toConsole("warn");
        CollectorClient collector = target.client();
        WorstDayFleet fleet = WorstDayFleet.prepare(collector, devices, residents, perKiosk, 8);
        System.out.printf("prepared: %d kiosks, %d residents, %d signed deposits%n", devices, residents, fleet.events());
        try (MqttBench mqtt = new MqttBench(target.mqttUrl)) {
            Map<String, Long> firstReceipt = new ConcurrentHashMap<>();
            mqtt.subscriber("receipts", "kiosk/v1/+/receipt", p -> {
                DecodeResult<Receipt> r = Receipt.decode(p.getPayloadAsBytes());
                if (r.isOk()) {
                    firstReceipt.putIfAbsent(r.value().eventId(), System.nanoTime());
                }
            });
            List<Mqtt5AsyncClient> pubs = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                pubs.add(mqtt.connect("pub-" + i));
            }
            int total = fleet.events();
            double cpuBefore = collectorPid > 0 ? ProcessCpu.seconds(collectorPid) : 0;
            long start = System.nanoTime();
            // each kiosk on one connection (its seq order kept); all kiosks drain at once
            for (int seq = 0; seq < perKiosk; seq++) {
                for (int k = 0; k < fleet.kiosks.size(); k++) {
                    WorstDayFleet.Kiosk kiosk = fleet.kiosks.get(k);
                    MqttBench.publish(pubs.get(k % pubs.size()), kiosk.topic(), kiosk.backlog().get(seq));
                }
            }
            long published = System.nanoTime();
            int resends = waitForAll(fleet, firstReceipt, pubs, total, Duration.ofMinutes(10));
            long last = firstReceipt.values().stream().mapToLong(Long::longValue).max().orElse(start);
            double cpuAfter = collectorPid > 0 ? ProcessCpu.seconds(collectorPid) : 0;
            double seconds = (last - start) / 1e9;
            System.out.printf("worst day: %d events published in %.1f s, %d answered, last receipt after %.1f s"
                            + " (%.0f events/s; %d resent)%n", total, (published - start) / 1e9, firstReceipt.size(),
                    seconds, firstReceipt.size() / seconds, resends);
            System.out.printf("worst_day_seconds=%.1f%n", seconds);
            long[] at = firstReceipt.values().stream().mapToLong(t -> t - start).sorted().toArray();
            System.out.printf("receipts: 50 %% by %.1f s, 90 %% by %.1f s, 99 %% by %.1f s, 99.9 %% by %.1f s%n",
                    at[at.length / 2] / 1e9, at[(int) (at.length * 0.9)] / 1e9, at[(int) (at.length * 0.99)] / 1e9,
                    at[(int) (at.length * 0.999)] / 1e9);
            double verifyCpu = VerifyBaseline.cpuSecondsPerVerify();
            if (collectorPid > 0) {
                double perEvent = (cpuAfter - cpuBefore) / firstReceipt.size();
                System.out.printf("collector CPU %.1f s for %d events: %.1f us/event; one BouncyCastle verify %.1f us"
                        + " of CPU%n", cpuAfter - cpuBefore, firstReceipt.size(), perEvent * 1e6, verifyCpu * 1e6);
                System.out.printf("cpu_ratio=%.2f%n", perEvent / verifyCpu);
            }
            double rate = 0.1 * firstReceipt.size() / seconds;
            double[] collectorMs = collectorLatency(fleet, mqtt, pubs.get(0), rate);
            double[] echoMs = EchoBaseline.latencies(mqtt, rate, latencySeconds);
            System.out.printf("at %.0f events/s (10 %%): collector p50 %.1f ms p99 %.1f ms; echo p50 %.1f ms p99 %.1f ms%n",
                    rate, pct(collectorMs, 50), pct(collectorMs, 99), pct(echoMs, 50), pct(echoMs, 99));
            System.out.printf("p99_ms=%.1f%necho_p99_ms=%.1f%n", pct(collectorMs, 99), pct(echoMs, 99));
            return firstReceipt.size() >= total ? 0 : 1;
        }
    }

    /** Waits for a receipt of every event; resends what has none after 30 s without progress, as kiosks do. */
    private static int waitForAll(WorstDayFleet fleet, Map<String, Long> answered, List<Mqtt5AsyncClient> pubs,
                                  int total, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int seen = -1;
        long progressAt = System.nanoTime();
        int resends = 0;
        while (answered.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
            if (answered.size() != seen) {
                seen = answered.size();
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > Duration.ofSeconds(30).toNanos()) {
                for (int k = 0; k < fleet.kiosks.size(); k++) {
                    WorstDayFleet.Kiosk kiosk = fleet.kiosks.get(k);
                    for (int s = 0; s < kiosk.backlog().size(); s++) {
                        if (!answered.containsKey(kiosk.deviceId() + ":" + (s + 1))) {
                            MqttBench.publish(pubs.get(k % pubs.size()), kiosk.topic(), kiosk.backlog().get(s));
                            resends++;
                        }
                    }
                }
                progressAt = System.nanoTime();
            }
        }
        return resends;
    }

    /** New deposits of the same kiosks at {@code rate}: publish to receipt, milliseconds. */
    private double[] collectorLatency(WorstDayFleet fleet, MqttBench mqtt, Mqtt5AsyncClient pub, double rate)
            throws InterruptedException {
        int n = (int) Math.max(200, rate * latencySeconds);
        List<WorstDayFleet.Kiosk> kiosks = fleet.kiosks.subList(0, Math.min(n, fleet.kiosks.size()));
        List<String> ids = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WorstDayFleet.Kiosk k = kiosks.get(i % kiosks.size());
            long seq = k.backlog().size() + 1;
            fleet.sign(k, seq, 1);
            ids.add(k.deviceId() + ":" + seq);
            messages.add(k.backlog().get(k.backlog().size() - 1));
            topics.add(k.topic());
        }
        Map<String, Long> received = new ConcurrentHashMap<>();
        mqtt.subscriber("latency", "kiosk/v1/+/receipt", p -> {
            DecodeResult<Receipt> r = Receipt.decode(p.getPayloadAsBytes());
            if (r.isOk()) {
                received.putIfAbsent(r.value().eventId(), System.nanoTime());
            }
        });
        long[] sent = new long[n];
        paced(n, rate, i -> {
            sent[i] = System.nanoTime();
            MqttBench.publish(pub, topics.get(i), messages.get(i));
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            Long at = received.get(ids.get(i));
            ms[i] = at == null ? Double.POSITIVE_INFINITY : (at - sent[i]) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Calls {@code send} n times at {@code rate} per second. */
    static void paced(int n, double rate, java.util.function.IntConsumer send) {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long wait;
            while ((wait = start + i * interval - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 500_000));
            }
            send.accept(i);
        }
    }

    static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

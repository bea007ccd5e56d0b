package org.carbonkiosk.simulator.load;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.KioskTypes;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import org.tinylog.Logger;

/**
 * Drives signed deposit events at a collector through a broker, from many device keys
 * registered through the collector's API, and measures accepted events per second and the
 * latency from publish to receipt. Events are signed before the clock starts, so the
 * generator spends its CPU on publishing, not on signing.
 */
public final class LoadGenerator {
    private final String mqttUrl;
    private final CollectorClient collector;
    private final int devices;
    private final int publishers;

    /**
     * @param devices    device keys (and cards, one account each) to spread the events over
     * @param publishers MQTT connections publishing in parallel
     */
    public LoadGenerator(String mqttUrl, CollectorClient collector, int devices, int publishers) {
        this.mqttUrl = mqttUrl;
        this.collector = collector;
        this.devices = devices;
        this.publishers = publishers;
    }

    /** A prepared batch: devices registered, events signed. */
    public final class Batch {
        private final List<String> topics = new ArrayList<>();
        private final List<byte[]> messages = new ArrayList<>();
        private final Map<String, Integer> indexOf = new HashMap<>();

        public int size() {
            return messages.size();
        }
    }

    /** Registers {@code devices} new kiosks with fresh keys, binds a card each, and signs {@code count} events. */
    public Batch prepare(int count) {
        String run = Long.toString(System.currentTimeMillis() % 1_679_616L + 1_679_616L, 36).toUpperCase();
        SignedEventCodec codec = SignedEventCodec.standard();
        byte[] fleetKey = new byte[32];
        new Random().nextBytes(fleetKey);
        List<String> ids = new ArrayList<>();
        List<Ed25519KeyPair> keys = new ArrayList<>();
        List<String> cards = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String id = "LD%s-%04d".formatted(run, d + 1);
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            // a tray scale: every deposit weighs from the same tare, no weight chain
            collector.registerDevice(id, KioskTypes.RECYCLING_BOX, ScaleMode.TRAY, key.publicJwk(), 1, "load generator");
            String card = CardToken.of(fleetKey, id.getBytes(StandardCharsets.US_ASCII));
            collector.bindCard(card, "load-" + id.toLowerCase());
            ids.add(id);
            keys.add(key);
            cards.add(card);
        }
        Batch batch = new Batch();
        long[] seq = new long[devices];
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        for (int i = 0; i < count; i++) {
            int d = i % devices;
            Envelope envelope = new Envelope(ids.get(d), ++seq[d], now, true, "load-1.0.0");
            DepositEvent event = DepositEvent.of(envelope, cards.get(d), Material.MIXED, 10_000, 10_820,
                    Optional.of(now.minusDays(30)));
            batch.topics.add(Topics.event(ids.get(d)));
            batch.messages.add(codec.sign(event, 1, keys.get(d).privateKey()).getBytes(StandardCharsets.US_ASCII));
            batch.indexOf.put(envelope.eventId(), i);
        }
        Logger.info("load: {} devices registered, {} events signed", devices, count);
        return batch;
    }

    /**
     * Publishes the batch at {@code ratePerSecond} (0 = as fast as the collector answers, with at
     * most {@code maxInFlight} events awaiting their receipt) and waits for every receipt, at most
     * {@code patience} after the last publish.
     */
    public LoadResult run(Batch batch, double ratePerSecond, int maxInFlight, Duration patience)
            throws InterruptedException {
        int n = batch.size();
        long[] sent = new long[n];
        AtomicLongArray received = new AtomicLongArray(n);
        AtomicLong accepted = new AtomicLong();
        AtomicLong credited = new AtomicLong();
        Semaphore window = new Semaphore(maxInFlight);
        Map<Integer, Boolean> answered = new ConcurrentHashMap<>();
        URI uri = URI.create(mqttUrl);
        String tag = Long.toString(System.nanoTime(), 36);
        Mqtt5AsyncClient receipts = client(uri, "load-receipts-" + tag);
        receipts.publishes(MqttGlobalPublishFilter.ALL, (Mqtt5Publish p) -> {
            DecodeResult<Receipt> r = Receipt.decode(p.getPayloadAsBytes());
            if (!r.isOk() || r.value().repeat()) {
                return;
            }
            Integer i = batch.indexOf.get(r.value().eventId());
            if (i == null || answered.putIfAbsent(i, true) != null) {
                return;
            }
            received.set(i, System.nanoTime());
            accepted.incrementAndGet();
            if (r.value().status() == DecisionStatus.CREDITED) {
                credited.incrementAndGet();
            }
            if (ratePerSecond <= 0) {
                window.release();
            }
        });
        receipts.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).join();
        receipts.subscribeWith().topicFilter("kiosk/v1/+/receipt").qos(MqttQos.AT_LEAST_ONCE).send()
                .orTimeout(30, TimeUnit.SECONDS).join();
        List<Mqtt5AsyncClient> pubs = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            Mqtt5AsyncClient c = client(uri, "load-pub-" + tag + "-" + p);
            c.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).join();
            pubs.add(c);
        }
        long start = System.nanoTime();
        long intervalNanos = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        for (int i = 0; i < n; i++) {
            if (intervalNanos > 0) {
                long due = start + i * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(Math.min(wait, 1_000_000));
                }
            } else if (!window.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                Logger.warn("load: no receipt came for {} in flight; stopping at {} of {}", maxInFlight, i, n);
                n = i;
                break;
            }
            sent[i] = System.nanoTime();
            pubs.get(i % pubs.size()).publishWith().topic(batch.topics.get(i)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(batch.messages.get(i)).send();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (accepted.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long last = start;
        for (int i = 0; i < n; i++) {
            last = Math.max(last, received.get(i));
        }
        double[] latencies = new double[(int) accepted.get()];
        int k = 0;
        for (int i = 0; i < n && k < latencies.length; i++) {
            if (received.get(i) != 0) {
                latencies[k++] = (received.get(i) - sent[i]) / 1e6;
            }
        }
        Arrays.sort(latencies, 0, k);
        for (Mqtt5AsyncClient c : pubs) {
            c.disconnect();
        }
        receipts.disconnect();
        return new LoadResult(n, accepted.get(), credited.get(), (last - start) / 1e9, ratePerSecond,
                pct(latencies, k, 50), pct(latencies, k, 90), pct(latencies, k, 99), k == 0 ? 0 : latencies[k - 1]);
    }

    private static Mqtt5AsyncClient client(URI uri, String id) {
        return Mqtt5Client.builder().identifier(id).serverHost(uri.getHost()).serverPort(uri.getPort()).buildAsync();
    }

    private static double pct(double[] sorted, int n, int p) {
        if (n == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))];
    }
}

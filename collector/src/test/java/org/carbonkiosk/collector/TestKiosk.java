package org.carbonkiosk.collector;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.DoorForcedEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.Receipt;

/** A fake kiosk for tests: signs events with its own key, publishes them, collects receipts. */
final class TestKiosk implements AutoCloseable {
    static final SignedEventCodec CODEC = SignedEventCodec.standard();
    final String deviceId;
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    int keyVersion = 1;
    /**
     * Registered as a tray kiosk by default: {@link #deposit} weighs each deposit from a tare of
     * 1000 g, with no weight chain between deposits. Bin kiosks ({@code "bin"}) chain their tares.
     */
    String scaleMode = "tray";
    final AtomicLong seq = new AtomicLong();
    final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    private final Mqtt5BlockingClient client;

    TestKiosk(String brokerUrl, String deviceId) {
        this.deviceId = deviceId;
        URI uri = URI.create(brokerUrl);
        client = MqttClient.builder().useMqttVersion5().identifier("test-" + deviceId + "-" + UUID.randomUUID())
                .serverHost(uri.getHost()).serverPort(uri.getPort()).buildBlocking();
        client.connect();
        client.toAsync().subscribeWith().topicFilter(Topics.receipt(deviceId)).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> receipts.add(Receipt.decode(p.getPayloadAsBytes()).value())).send().join();
    }

    static String uniqueId(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
    }

    static String card(String seed) {
        return org.carbonkiosk.protocol.CardToken.of(new byte[32], seed.getBytes(StandardCharsets.UTF_8));
    }

    Envelope envelope(OffsetDateTime at, boolean synced) {
        return new Envelope(deviceId, seq.incrementAndGet(), at, synced, "1.0.0");
    }

    DepositEvent deposit(String card, int net, OffsetDateTime at) {
        return DepositEvent.of(envelope(at, true), card, Material.MIXED, 1000, 1000 + net,
                Optional.of(at.minusDays(30)));
    }

    DoorForcedEvent doorForced(OffsetDateTime at) {
        return new DoorForcedEvent(envelope(at, true));
    }

    String sign(KioskEvent e) {
        return CODEC.sign(e, keyVersion, key.privateKey());
    }

    /** Signs and publishes; returns the JWS. */
    String send(KioskEvent e) {
        String jws = sign(e);
        publishRaw(Topics.event(deviceId), jws.getBytes(StandardCharsets.US_ASCII));
        return jws;
    }

    void publishRaw(String topic, byte[] bytes) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes).send();
    }

    /** Events sent with {@link #sendAsync}, by eventId, for {@link #resendUnanswered}. */
    private final java.util.Map<String, byte[]> sent = new java.util.concurrent.ConcurrentHashMap<>();

    /** Signs and publishes without waiting for the broker's PUBACK (back to back); kept for resends. */
    String sendAsync(KioskEvent e) {
        String jws = sign(e);
        byte[] bytes = jws.getBytes(StandardCharsets.US_ASCII);
        sent.put(e.eventId(), bytes);
        client.toAsync().publishWith().topic(Topics.event(deviceId)).qos(MqttQos.AT_LEAST_ONCE).payload(bytes).send();
        return jws;
    }

    /** What a real kiosk does: publishes again (same bytes) every sent event that has no receipt yet. */
    int resendUnanswered() {
        java.util.Set<String> answered = new java.util.HashSet<>();
        receipts.forEach(r -> answered.add(r.eventId()));
        int n = 0;
        for (var e : sent.entrySet()) {
            if (!answered.contains(e.getKey())) {
                client.toAsync().publishWith().topic(Topics.event(deviceId)).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(e.getValue()).send();
                n++;
            }
        }
        return n;
    }

    /** Sent events with no receipt yet. */
    long unanswered() {
        java.util.Set<String> answered = new java.util.HashSet<>();
        receipts.forEach(r -> answered.add(r.eventId()));
        return sent.keySet().stream().filter(id -> !answered.contains(id)).count();
    }

    Optional<Receipt> receipt(String eventId) {
        return receipts.stream().filter(r -> r.eventId().equals(eventId)).reduce((a, b) -> b);
    }

    List<Receipt> receipts(String eventId) {
        return receipts.stream().filter(r -> r.eventId().equals(eventId)).toList();
    }

    @Override
    public void close() {
        client.disconnect();
    }
}

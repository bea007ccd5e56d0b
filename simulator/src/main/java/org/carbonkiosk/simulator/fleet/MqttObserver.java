package org.carbonkiosk.simulator.fleet;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.EventType;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.Receipt;
import org.tinylog.Logger;

/**
 * The simulator's eyes and hands on the broker: an MQTT 5 client that watches every receipt
 * (the collector's decisions, for the report and the fraud checks), keeps the first event bytes
 * of chosen kiosks (to replay them) and publishes crafted messages. Persistent session and
 * automatic reconnect, so it sees everything through a broker restart.
 */
public final class MqttObserver implements AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final Map<String, Receipt> decisions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> repeats = new ConcurrentHashMap<>();
    private final Map<String, byte[]> firstEvents = new ConcurrentHashMap<>();
    private final Map<String, String> nonDepositTypes = new ConcurrentHashMap<>();
    private final SignedEventCodec codec = SignedEventCodec.standard();
    private final AtomicLong eventsSeen = new AtomicLong();

    private MqttObserver(Mqtt5AsyncClient client) {
        this.client = client;
    }

    public static MqttObserver connect(String mqttUrl) {
        URI uri = URI.create(mqttUrl);
        Mqtt5AsyncClient client = Mqtt5Client.builder().identifier("sim-observer-" + UUID.randomUUID())
                .serverHost(uri.getHost()).serverPort(uri.getPort())
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
                .buildAsync();
        MqttObserver observer = new MqttObserver(client);
        client.publishes(MqttGlobalPublishFilter.ALL, observer::onPublish);
        client.connectWith().cleanStart(false).sessionExpiryInterval(Duration.ofHours(1).toSeconds())
                .send().orTimeout(30, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter("kiosk/v1/+/receipt").qos(MqttQos.AT_LEAST_ONCE)
                .addSubscription().topicFilter(Topics.ALL_EVENTS).qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .send().orTimeout(30, TimeUnit.SECONDS).join();
        return observer;
    }

    /**
     * Publishes raw bytes QoS 1, as a kiosk would. Does not wait: while the broker is away the
     * client keeps the message and sends it after reconnecting.
     */
    public void publish(String topic, byte[] payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                .whenComplete((ack, error) -> {
                    if (error != null) {
                        Logger.warn("observer publish to {} failed: {}", topic, error.getMessage());
                    }
                });
    }

    /** The latest first-time receipt of an event (a release of a held event replaces its earlier one). */
    public Optional<Receipt> decision(String eventId) {
        return Optional.ofNullable(decisions.get(eventId));
    }

    /** How many receipts with {@code "repeat":true} an event got. */
    public long repeats(String eventId) {
        AtomicLong n = repeats.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** The first deposit event a kiosk published, byte for byte. */
    public Optional<byte[]> firstEventOf(String deviceId) {
        return Optional.ofNullable(firstEvents.get(deviceId)).map(byte[]::clone);
    }

    public long eventsSeen() {
        return eventsSeen.get();
    }

    /**
     * Decisions by status and reason ("credited", "credited/cap-reached", "held/card-unbound",
     * ...); events that are not deposits (claw plays, prizes, alarms) are counted apart as
     * "recorded/claw-play" and so on, whatever receipt they got.
     *
     * @param current decisions known to have changed since their receipt ("status/reason" by eventId)
     */
    public Map<String, Long> decisionsByReason(Map<String, String> current) {
        Map<String, Long> counts = new HashMap<>();
        decisions.forEach((eventId, r) -> counts.merge(nonDepositTypes.containsKey(eventId)
                ? "recorded/" + nonDepositTypes.get(eventId)
                : current.getOrDefault(eventId, label(r)), 1L, Long::sum));
        return counts;
    }

    /** Events whose receipt said {@code held} (their decision may have changed since, without a new receipt). */
    public java.util.List<String> heldEventIds() {
        return decisions.entrySet().stream().filter(e -> e.getValue().status()
                == org.carbonkiosk.protocol.message.DecisionStatus.HELD).map(Map.Entry::getKey).toList();
    }

    private static String label(Receipt r) {
        return r.status().wire() + r.reason().map(reason -> "/" + reason.wire()).orElse("");
    }

    @Override
    public void close() {
        try {
            client.disconnect().orTimeout(5, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            Logger.debug("observer disconnect: {}", e.getMessage());
        }
    }

    private void onPublish(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        byte[] payload = publish.getPayloadAsBytes();
        Optional<String> deviceId = Topics.deviceIdOf(topic);
        if (deviceId.isEmpty()) {
            return;
        }
        if (topic.endsWith("/event")) {
            eventsSeen.incrementAndGet();
            DecodeResult<SignedEventCodec.DecodedEvent> decoded = codec.decode(payload);
            if (decoded.isOk() && decoded.value().event().type() != EventType.DEPOSIT) {
                nonDepositTypes.put(decoded.value().event().envelope().eventId(), decoded.value().event().type().wire());
            } else if (decoded.isOk()) {
                firstEvents.putIfAbsent(deviceId.get(), payload);
            }
        } else if (topic.endsWith("/receipt")) {
            DecodeResult<Receipt> receipt = Receipt.decode(payload);
            if (!receipt.isOk()) {
                Logger.warn("undecodable receipt on {}: {}", topic, receipt);
                return;
            }
            Receipt r = receipt.value();
            if (r.repeat()) {
                repeats.computeIfAbsent(r.eventId(), id -> new AtomicLong()).incrementAndGet();
            } else {
                decisions.put(r.eventId(), r);
            }
        }
    }
}

package org.carbonkiosk.simulator.integrity;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.Receipt;

/**
 * The trial's kiosks on the broker: signs an event with its kiosk's key, publishes it on the
 * kiosk's event topic and waits for the collector's receipt, one at a time, so that every run of
 * a seed is decided in the same order.
 */
final class TrialLink implements AutoCloseable {
    private static final long RECEIPT_TIMEOUT_S = 30;
    private final SignedEventCodec codec = SignedEventCodec.standard();
    private final Mqtt5AsyncClient client;
    private final Map<String, CompletableFuture<Receipt>> waiting = new ConcurrentHashMap<>();

    TrialLink(String brokerUrl) {
        URI uri = URI.create(brokerUrl);
        client = MqttClient.builder().useMqttVersion5().identifier("fraud-trial-" + UUID.randomUUID())
                .serverHost(uri.getHost()).serverPort(uri.getPort()).buildAsync();
        client.connect().join();
        client.subscribeWith().topicFilter(Topics.ALL_RECEIPTS).qos(MqttQos.AT_LEAST_ONCE).callback(p -> {
            Receipt r = Receipt.decode(p.getPayloadAsBytes()).value();
            CompletableFuture<Receipt> f = waiting.remove(r.eventId());
            if (f != null) {
                f.complete(r);
            }
        }).send().join();
    }

    /** Publishes the signed event and returns its receipt. */
    Receipt send(TrialKiosk kiosk, KioskEvent event) {
        CompletableFuture<Receipt> receipt = new CompletableFuture<>();
        waiting.put(event.eventId(), receipt);
        byte[] jws = codec.sign(event, 1, kiosk.key.privateKey()).getBytes(StandardCharsets.US_ASCII);
        client.publishWith().topic(Topics.event(kiosk.deviceId)).qos(MqttQos.AT_LEAST_ONCE).payload(jws).send();
        try {
            return receipt.get(RECEIPT_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + event.eventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no receipt for " + event.eventId() + " within " + RECEIPT_TIMEOUT_S + " s", e);
        }
    }

    @Override
    public void close() {
        client.disconnect().join();
    }
}

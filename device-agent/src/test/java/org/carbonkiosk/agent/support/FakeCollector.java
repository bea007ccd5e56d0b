package org.carbonkiosk.agent.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A receipt-answering stand-in for the collector: subscribes to one device's events, keeps the
 * raw bytes it received, verifies them with the device's public key and answers (or stays silent).
 */
public final class FakeCollector implements AutoCloseable {
    private final MqttClient client;
    private final String deviceId;
    private final byte[] publicKey;
    private final List<byte[]> received = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();
    private volatile boolean answering = true;
    private volatile Function<SignedEventCodec.DecodedEvent, Receipt> answer = FakeCollector::credited;

    public FakeCollector(String url, String deviceId, byte[] publicKey) throws MqttException {
        this.deviceId = deviceId;
        this.publicKey = publicKey.clone();
        client = new MqttClient(url, "fake-collector-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                onEvent(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe("kiosk/v1/" + deviceId + "/#", 1);
    }

    public static Receipt credited(SignedEventCodec.DecodedEvent e) {
        return new Receipt(e.event().eventId(), DecisionStatus.CREDITED, 1230, Optional.of(2730), Optional.of(4500),
                Optional.empty(), false);
    }

    public void setAnswering(boolean answering) {
        this.answering = answering;
    }

    /** How to answer each event; {@code null} from the function: no answer for that event. */
    public void setAnswer(Function<SignedEventCodec.DecodedEvent, Receipt> answer) {
        this.answer = answer;
    }

    private void onEvent(String topic, byte[] payload) throws MqttException {
        synchronized (this) {
            topics.add(topic);
            received.add(payload.clone());
        }
        if (!topic.equals(Topics.event(deviceId)) || !answering) {
            return;
        }
        SignedEventCodec codec = SignedEventCodec.standard();
        var decoded = codec.decode(payload);
        if (!decoded.isOk() || !codec.verify(decoded.value(), publicKey)) {
            throw new IllegalStateException("bad event from the agent: " + decoded);
        }
        Receipt receipt = answer.apply(decoded.value());
        if (receipt == null) {
            return;
        }
        new Thread(() -> {
            try {
                client.publish(Topics.receipt(deviceId), receipt.encode(), 1, false);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }).start();
    }

    /** Answers every event received so far (as a collector coming back would, on their resends). */
    public void answerAllReceived() throws MqttException {
        SignedEventCodec codec = SignedEventCodec.standard();
        for (byte[] e : events()) {
            Receipt receipt = answer.apply(codec.decode(e).value());
            if (receipt != null) {
                client.publish(Topics.receipt(deviceId), receipt.encode(), 1, false);
            }
        }
    }

    /** Raw event payloads received on the event topic, in arrival order. */
    public synchronized List<byte[]> events() {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            if (topics.get(i).equals(Topics.event(deviceId))) {
                events.add(received.get(i));
            }
        }
        return events;
    }

    /** Every payload on any of the device's topics, as text. */
    public synchronized List<String> everything() {
        return received.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    public synchronized List<String> topics() {
        return List.copyOf(topics);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}

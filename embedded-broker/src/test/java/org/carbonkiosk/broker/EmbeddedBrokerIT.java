package org.carbonkiosk.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerIT {

    @Test
    void start_thenPublish_deliversToSubscriber() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.createTemporary().start()) {
            BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
            MqttClient subscriber = new MqttClient(broker.url(), "sub", new MemoryPersistence());
            subscriber.connect(new MqttConnectOptions());
            subscriber.subscribe("kiosk/v1/+/event", 1,
                    (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            MqttClient publisher = new MqttClient(broker.url(), "pub", new MemoryPersistence());
            publisher.connect(new MqttConnectOptions());

            publisher.publish("kiosk/v1/WH-HS-0001/event", "hello".getBytes(StandardCharsets.UTF_8), 1, false);

            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
            publisher.disconnect();
            subscriber.disconnect();
        }
    }
}

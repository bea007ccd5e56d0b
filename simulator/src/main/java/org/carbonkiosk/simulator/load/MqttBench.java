package org.carbonkiosk.simulator.load;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** MQTT connections of the benchmarks: publishers, and one subscriber with a callback. */
final class MqttBench implements AutoCloseable {
    private final URI uri;
    private final String tag = Long.toString(System.nanoTime(), 36);
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

    MqttBench(String mqttUrl) {
        this.uri = URI.create(mqttUrl);
    }

    /** A connected client (clean session). */
    Mqtt5AsyncClient connect(String name) {
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("bench-" + name + "-" + tag).serverHost(uri.getHost())
                .serverPort(uri.getPort()).buildAsync();
        c.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).join();
        clients.add(c);
        return c;
    }

    /** A client subscribed to {@code filter} at QoS 1, each message handed to {@code onMessage}. */
    Mqtt5AsyncClient subscriber(String name, String filter, Consumer<Mqtt5Publish> onMessage) {
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("bench-" + name + "-" + tag).serverHost(uri.getHost())
                .serverPort(uri.getPort()).buildAsync();
        c.publishes(MqttGlobalPublishFilter.ALL, onMessage);
        c.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).join();
        c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().orTimeout(30, TimeUnit.SECONDS).join();
        clients.add(c);
        return c;
    }

    static void publish(Mqtt5AsyncClient c, String topic, byte[] payload) {
        c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    @Override
    public void close() {
        for (Mqtt5AsyncClient c : clients) {
            c.disconnect();
        }
    }
}

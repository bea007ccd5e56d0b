package org.carbonkiosk.provisioning.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.A;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.B;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.COLLECTOR;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.COLLECTOR_PASSWORD;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.PASSWORD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carbonkiosk.protocol.Topics;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's security as deployed: a private Mosquitto from the kit's configuration with the
 * password file and ACL that {@code kiosk-provision mosquitto} prints, over TLS with a test CA,
 * tried with real MQTT clients. "Nothing arrives" is shown with a marker: a message published
 * after the forbidden one on the same connection, whose arrival means the forbidden one would
 * have arrived before it.
 */
@Tag("machine-services")
class BrokerSecurityIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    static PrivateMosquitto broker;
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

    /** Messages one client received, as "topic payload". */
    private static final class Inbox implements MqttCallback {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final AtomicBoolean lost = new AtomicBoolean();

        @Override
        public void connectionLost(Throwable cause) {
            lost.set(true);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // QoS 1 publishes are waited for by the synchronous client
        }

        boolean has(String topic, String payload) {
            return messages.contains(topic + " " + payload);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        broker = new PrivateMosquitto(dir, false);
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @AfterEach
    void disconnect() {
        for (MqttClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect(1000);
                }
                c.close();
            } catch (MqttException e) {
                // already gone
            }
        }
    }

    private MqttClient connect(String clientId, String user, String password, Inbox inbox)
            throws MqttException, IOException {
        MqttClient c = broker.connect(clientId, user, password);
        clients.add(c);
        c.setCallback(inbox);
        return c;
    }

    private static void publish(MqttClient c, String topic, String payload) throws MqttException {
        c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Subscribes at QoS 1; the granted QoS. */
    private static int subscribe(MqttClient c, String filter) throws MqttException {
        IMqttToken token = c.subscribeWithResponse(filter, 1);
        return token.getGrantedQos()[0];
    }

    @Test
    void kiosk_publishesOnlyOnItsOwnEventTopic() throws Exception {
        Inbox collector = new Inbox();
        MqttClient events = connect("collector-events", COLLECTOR, COLLECTOR_PASSWORD, collector);
        assertThat(subscribe(events, Topics.SHARED_EVENT_SUBSCRIPTION)).isEqualTo(1);
        MqttClient a = connect(A, A, PASSWORD, new Inbox());

        publish(a, Topics.event(B), "forged-by-A");
        publish(a, Topics.event(A), "genuine-from-A");

        await().atMost(WAIT).until(() -> collector.has(Topics.event(A), "genuine-from-A"));
        assertThat(collector.messages).noneMatch(m -> m.contains("forged-by-A"));
    }

    /**
     * Mosquitto 2.0.11's ACL file grants every SUBSCRIBE (its source: "FIXME - implement ACL
     * subscription strings") and checks read access for each message it would deliver, retained
     * ones included: so the proof is that nothing arrives.
     */
    @Test
    void kiosk_subscribedToEverythingSysAndAnotherKiosksReceipt_receivesOnlyItsOwn() throws Exception {
        MqttClient b = connect(B, B, PASSWORD, new Inbox());
        b.publish(Topics.status(B), "retained-status-of-B".getBytes(StandardCharsets.UTF_8), 1, true);
        Inbox inboxA = new Inbox();
        MqttClient a = connect(A, A, PASSWORD, inboxA);
        for (String filter : List.of("#", "$SYS/#", Topics.receipt(B), Topics.receipt(A))) {
            subscribe(a, filter); // retained messages it may read would be queued to it now
        }
        MqttClient receipts = connect("collector-receipts", COLLECTOR + "-out", COLLECTOR_PASSWORD, new Inbox());

        publish(receipts, Topics.receipt(B), "secret-for-B");
        publish(b, Topics.event(B), "event-of-B");
        publish(receipts, Topics.receipt(A), "marker-for-A");

        await().atMost(WAIT).until(() -> inboxA.has(Topics.receipt(A), "marker-for-A"));
        assertThat(inboxA.messages).containsExactly(Topics.receipt(A) + " marker-for-A");
        b.publish(Topics.status(B), new byte[0], 1, true);
    }

    @Test
    void wrongPasswordAndAnonymous_refused() {
        assertThatThrownBy(() -> broker.connect(A, A, "wrong-" + PASSWORD))
                .isInstanceOf(MqttSecurityException.class);
        assertThatThrownBy(() -> broker.connect("anonymous", null, null))
                .isInstanceOf(MqttSecurityException.class);
    }

    @Test
    void anotherKiosksClientId_withOwnCredentials_doesNotDisconnectThatKiosk() throws Exception {
        Inbox inboxB = new Inbox();
        MqttClient b = connect(B, B, PASSWORD, inboxB);
        subscribe(b, Topics.receipt(B));

        MqttClient intruder = connect(B, A, PASSWORD, new Inbox()); // A's credentials, B's client id
        MqttClient receipts = connect("collector-receipts", COLLECTOR + "-out", COLLECTOR_PASSWORD, new Inbox());
        publish(receipts, Topics.receipt(B), "after-the-intruder");

        await().atMost(WAIT).until(() -> inboxB.has(Topics.receipt(B), "after-the-intruder"));
        assertThat(intruder.isConnected()).isTrue();
        assertThat(inboxB.lost).isFalse();
        assertThat(b.isConnected()).isTrue();
    }

    @Test
    void selfTestUser_hasTheKiosksAcl_andLeavesTheKioskConnected() throws Exception {
        Inbox kiosk = new Inbox();
        MqttClient a = connect(A, A, PASSWORD, kiosk);
        subscribe(a, Topics.receipt(A));
        Inbox selfTest = new Inbox();
        MqttClient probe = connect(A + "-selftest", A + "-selftest", PASSWORD, selfTest);
        assertThat(subscribe(probe, Topics.status(A))).isEqualTo(1);

        probe.publish(Topics.status(A), "probe".getBytes(StandardCharsets.UTF_8), 1, true);
        await().atMost(WAIT).until(() -> selfTest.has(Topics.status(A), "probe"));
        probe.publish(Topics.status(A), new byte[0], 1, true);
        MqttClient receipts = connect("collector-receipts", COLLECTOR + "-out", COLLECTOR_PASSWORD, new Inbox());
        publish(receipts, Topics.receipt(A), "after-self-test");

        await().atMost(WAIT).until(() -> kiosk.has(Topics.receipt(A), "after-self-test"));
        assertThat(kiosk.lost).isFalse();
        assertThat(a.isConnected()).isTrue();
    }
}

package org.carbonkiosk.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.agent.support.Brokers;
import org.carbonkiosk.agent.support.FakeCollector;
import org.carbonkiosk.agent.support.TestKiosks;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.protocol.event.Timestamps;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real embedded broker: resend with the same bytes, in-flight bound, reconnect, status. */
class MqttPublisherIT {
    @TempDir
    Path dir;
    private EmbeddedBroker broker;
    private FakeCollector collector;
    private Outbox outbox;
    private MqttPublisher publisher;
    private EventSigner signer;
    private String deviceId;
    private TestKiosks.Provisioned p;

    @BeforeEach
    void setUp() throws Exception {
        // Always embedded: the broker restart case needs control over the broker.
        broker = EmbeddedBroker.createTemporary().start();
        deviceId = "IT-PB-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        p = TestKiosks.provision(dir);
        collector = new FakeCollector(broker.url(), deviceId, p.key().keyPair().publicKey());
        outbox = Outbox.open(dir.resolve("outbox.db"), System::currentTimeMillis);
        signer = new EventSigner(deviceId, p.key(), SignedEventCodec.standard(), Clock.systemUTC(),
                Timestamps.SHANGHAI, () -> true, "1.0.0");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        outbox.close();
        collector.close();
        broker.close();
    }

    private void startPublisher(int maxInFlight) {
        startPublisher(maxInFlight, 200);
    }

    private void startPublisher(int maxInFlight, int resendAfterMs) {
        Properties props = TestKiosks.fastProperties(deviceId, p, broker.url());
        props.setProperty("outbox.resendAfterMs", Integer.toString(resendAfterMs));
        props.setProperty("outbox.resendMaxMs", Integer.toString(resendAfterMs * 4));
        props.setProperty("outbox.maxInFlight", Integer.toString(maxInFlight));
        AgentConfig config = TestKiosks.config(props);
        publisher = new MqttPublisher(config.publisherConfig(), outbox, receipt -> {
            try {
                outbox.settle(receipt.eventId(), receipt.status().wire(), receipt.reason().map(r -> r.wire()),
                        receipt.creditedGrams());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Clock.systemUTC(), System::currentTimeMillis, null);
        publisher.start();
    }

    private void commit(int net) throws Exception {
        outbox.append(seq -> signer.deposit(seq, "c".repeat(64), Material.MIXED, 1000, 1000 + net, Optional.empty()),
                false, Optional.empty());
        if (publisher != null) {
            publisher.wake();
        }
    }

    private static long seqOf(byte[] jws) {
        return SignedEventCodec.standard().decode(jws).value().event().seq();
    }

    @Test
    void pump_noReceipt_publishesSameBytesAgainUntilReceipted() throws Exception {
        collector.setAnswering(false);
        commit(500);
        startPublisher(5);

        await().atMost(Duration.ofSeconds(20)).until(() -> collector.events().size() >= 3);
        List<byte[]> copies = collector.events();
        assertThat(copies).allSatisfy(c -> assertThat(c).isEqualTo(copies.get(0)));
        assertThat(outbox.depth()).isEqualTo(1);

        collector.setAnswering(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.depth() == 0);
    }

    @Test
    void pump_silentCollector_keepsAtMostMaxInFlightWithinTheWaitAndSendsInSeqOrder() throws Exception {
        collector.setAnswering(false);
        for (int i = 1; i <= 5; i++) {
            commit(100 * i);
        }
        startPublisher(2, 60_000);

        // Within the first wait for receipts only the two oldest are out
        await().atMost(Duration.ofSeconds(20)).until(() -> collector.events().size() >= 2);
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> collector.events().size() == 2);
        assertThat(collector.events()).extracting(MqttPublisherIT::seqOf).containsExactly(1L, 2L);

        // Receipts open the window for the next ones, in seq order
        collector.setAnswering(true);
        collector.answerAllReceived();
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.depth() == 0);
        assertThat(collector.events()).extracting(MqttPublisherIT::seqOf).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void pump_eventsNeverAnswered_doNotHoldTheWindowShutForNewerEvents() throws Exception {
        collector.setAnswer(e -> e.event() instanceof org.carbonkiosk.protocol.event.DoorForcedEvent ? null
                : FakeCollector.credited(e));
        for (int i = 0; i < 3; i++) {
            outbox.append(signer::doorForced, false, Optional.empty());
        }
        commit(600);
        startPublisher(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.depth() == 3);
        assertThat(collector.events()).extracting(MqttPublisherIT::seqOf).contains(4L);
    }

    @Test
    void connect_brokerRestarts_reconnectsAndDeliversWhatWasCommittedMeanwhile() throws Exception {
        startPublisher(5);
        await().atMost(Duration.ofSeconds(20)).until(publisher::isConnected);
        collector.close();

        broker.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !publisher.isConnected());
        commit(700);
        broker.start();
        collector = new FakeCollector(broker.url(), deviceId, p.key().keyPair().publicKey());

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.depth() == 0);
        assertThat(collector.events()).extracting(MqttPublisherIT::seqOf).contains(1L);
    }

    @Test
    void status_onlineRetainedOnConnectOfflineOnClose() throws Exception {
        startPublisher(5);
        await().atMost(Duration.ofSeconds(20)).until(publisher::isConnected);
        List<DeviceStatus> seen = new CopyOnWriteArrayList<>();
        MqttClient watcher = new MqttClient(broker.url(), "watch-" + UUID.randomUUID(), new MemoryPersistence());
        watcher.connect();
        watcher.subscribe(Topics.status(deviceId), 1, (topic, message) ->
                seen.add(DeviceStatus.decode(message.getPayload()).value()));

        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        assertThat(seen.get(0).online()).isTrue();

        publisher.close();
        publisher = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(s -> !s.online()));
        watcher.disconnect();
        watcher.close();
        assertThat(new String(collector.everything().get(0).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("\"state\":\"online\"");
    }
}

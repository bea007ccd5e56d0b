package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.support.Brokers;
import org.carbonkiosk.agent.support.FakeCollector;
import org.carbonkiosk.agent.support.RecordingDisplay;
import org.carbonkiosk.agent.support.TestKiosks;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deposit from a simulated kiosk through a real broker to a receipt-answering fake collector. */
@Tag("machine-services")
class DepositRoundTripIT {
    @TempDir
    Path dir;
    private EmbeddedBroker broker;
    private FakeCollector collector;
    private AgentApp app;

    @BeforeEach
    void setUp() {
        broker = Brokers.startEmbeddedUnlessConfigured();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
        if (collector != null) {
            collector.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void deposit_withCollectorAnswering_showsReceiptAndSettlesOutbox() throws Exception {
        String deviceId = "IT-RT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        collector = new FakeCollector(Brokers.url(broker), deviceId, p.key().keyPair().publicKey());
        Properties props = TestKiosks.fastProperties(deviceId, p, Brokers.url(broker));
        SimulatedKiosk kiosk = new SimulatedKiosk(10_000);
        RecordingDisplay display = new RecordingDisplay();
        app = AgentApp.start(TestKiosks.config(props), kiosk.hardware(false), display, Clock.systemUTC());
        await().atMost(Duration.ofSeconds(20)).until(app::mqttConnected);
        byte[] uid = HexFormat.of().parseHex("04a1b2c3d4e5f6");

        kiosk.tap(uid.clone());
        await().atMost(Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        kiosk.add(820);
        kiosk.closeDoor();

        await().atMost(Duration.ofSeconds(20)).until(() -> !display.shown(DisplayMessage.ReceiptShown.class).isEmpty());
        DisplayMessage.ReceiptShown receipt = display.shown(DisplayMessage.ReceiptShown.class).get(0);
        assertThat(receipt.netGrams()).isEqualTo(820);
        assertThat(display.texts()).contains("+1230 g, 2730 / 4500 g this month");
        assertThat(display.shown(DisplayMessage.Recorded.class)).hasSize(1);
        assertThat(display.shown().indexOf(display.shown(DisplayMessage.Recorded.class).get(0)))
                .isLessThan(display.shown().indexOf(receipt));
        await().atMost(Duration.ofSeconds(10)).until(() -> app.outboxDepth() == 0);
        DepositEvent event = (DepositEvent) SignedEventCodec.standard().decode(collector.events().get(0)).value().event();
        assertThat(event.seq()).isEqualTo(1);
        assertThat(event.tareGrams()).isEqualTo(10_000);
        assertThat(event.grossGrams()).isEqualTo(10_820);
        assertThat(event.card()).isEqualTo(CardToken.of(p.fleetKey(), uid));
        assertThat(kiosk.isUnlocked()).isFalse();
    }
}

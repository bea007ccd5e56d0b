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
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonkiosk.agent.support.Brokers;
import org.carbonkiosk.agent.support.DbBytes;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.ClawPlayEvent;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.protocol.message.Telemetry;
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

    private String deviceId;
    private TestKiosks.Provisioned p;
    private final SimulatedKiosk kiosk = new SimulatedKiosk(10_000);
    private final RecordingDisplay display = new RecordingDisplay();
    private final byte[] uid = HexFormat.of().parseHex("04a1b2c3d4e5f6");

    private void startAgent(Properties overrides, boolean claw) throws Exception {
        startAgent(overrides, claw, java.util.List.of());
    }

    private void startAgent(Properties overrides, boolean claw, java.util.List<byte[]> serviceCardUids)
            throws Exception {
        deviceId = "IT-RT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        p = TestKiosks.provision(dir);
        ServiceCardsFile.in(p.identityDir()).write(serviceCardUids.stream()
                .map(u -> CardToken.of(p.fleetKey(), u)).collect(java.util.stream.Collectors.toSet()));
        collector = new FakeCollector(Brokers.url(broker), deviceId, p.key().keyPair().publicKey());
        Properties props = TestKiosks.fastProperties(deviceId, p, Brokers.url(broker));
        props.putAll(overrides);
        if (claw) {
            props.setProperty("kiosk.type", "claw-kiosk");
        }
        app = AgentApp.start(TestKiosks.config(props), kiosk.hardware(claw), display, Clock.systemUTC());
        await().atMost(Duration.ofSeconds(20)).until(app::mqttConnected);
    }

    private void deposit(int grams) {
        TestKiosks.deposit(kiosk, uid, grams);
    }

    @Test
    void deposit_withCollectorAnswering_showsReceiptAndSettlesOutbox() throws Exception {
        startAgent(new Properties(), false);

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
        assertThat(DbBytes.containsUid(p.dataDir(), uid)).isFalse();
        for (String message : collector.everything()) {
            assertThat(message.toLowerCase()).doesNotContain(HexFormat.of().formatHex(uid));
        }
    }

    @Test
    void deposit_cardBlocked_saidPlainlyAndNextTapRefusedAtTheReader() throws Exception {
        startAgent(new Properties(), false);
        collector.setAnswer(e -> new Receipt(e.event().eventId(), DecisionStatus.REJECTED, 0, Optional.empty(),
                Optional.empty(), Optional.of(Reason.CARD_BLOCKED), false));

        deposit(500);
        await().atMost(Duration.ofSeconds(20)).until(() -> !display.shown(DisplayMessage.ReceiptShown.class).isEmpty());
        assertThat(display.texts()).contains("This card is blocked: no credit for this deposit. "
                + "Please contact the service desk");

        kiosk.tap(uid.clone());
        await().atMost(Duration.ofSeconds(10)).until(() -> !display.shown(DisplayMessage.CardBlocked.class).isEmpty());
        assertThat(kiosk.isUnlocked()).isFalse();
        assertThat(app.lastSeq()).isEqualTo(1);
    }

    @Test
    void claw_creditedDeposit_grantsPlaysPulsesCoinLineAndRecordsClawPlayOnce() throws Exception {
        Properties claw = new Properties();
        claw.setProperty("claw.gramsPerPlay", "250");
        claw.setProperty("claw.maxPlaysPerDeposit", "3");
        startAgent(claw, true);

        deposit(2_000);

        await().atMost(Duration.ofSeconds(20)).until(() -> kiosk.playsGranted() == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.outboxDepth() == 0 && app.lastSeq() == 2);
        ClawPlayEvent play = (ClawPlayEvent) collector.events().stream()
                .map(b -> SignedEventCodec.standard().decode(b).value().event())
                .filter(ClawPlayEvent.class::isInstance).findFirst().orElseThrow();
        assertThat(play.plays()).isEqualTo(3);
        assertThat(play.forEventId()).isEqualTo(deviceId + ":1");
        assertThat(kiosk.playsGranted()).isEqualTo(3);
    }

    @Test
    void claw_serviceCardOnBinScale_binEmptiedReceiptedAndNoPlaysEvenForACreditedReceipt() throws Exception {
        byte[] hauler = HexFormat.of().parseHex("04cafe0102");
        Properties bin = new Properties();
        bin.setProperty("scale.mode", "bin");
        bin.setProperty("claw.gramsPerPlay", "250");
        startAgent(bin, true, java.util.List.of(hauler));
        kiosk.add(4_000);

        kiosk.tap(hauler.clone());
        await().atMost(Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        kiosk.emptyBin();
        kiosk.closeDoor();

        await().atMost(Duration.ofSeconds(20)).until(() -> app.lastSeq() == 1 && app.outboxDepth() == 0);
        var events = collector.events().stream().map(b -> SignedEventCodec.standard().decode(b).value().event())
                .toList();
        assertThat(events).hasSize(1).first().isInstanceOf(BinEmptiedEvent.class);
        assertThat(((BinEmptiedEvent) events.get(0)).removedGrams()).isEqualTo(4_000);
        assertThat(((BinEmptiedEvent) events.get(0)).binGramsAfter()).isEqualTo(10_000);
        assertThat(kiosk.playsGranted()).isZero();
        assertThat(app.lastSeq()).as("no claw-play event").isEqualTo(1);
        assertThat(display.shown(DisplayMessage.ReceiptShown.class)).isEmpty();
    }

    @Test
    void purge_settledEventsAfterKeepTime_removedWhileSeqGoesOn() throws Exception {
        Properties keep = new Properties();
        keep.setProperty("outbox.keepSettledHours", "0");
        keep.setProperty("outbox.purgeIntervalS", "1");
        startAgent(keep, false);

        deposit(400);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.outboxDepth() == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> DbBytes.storedJws(p.dataDir().resolve("outbox.db")).isEmpty());
        deposit(500);

        await().atMost(Duration.ofSeconds(20)).until(() -> app.lastSeq() == 2);
    }

    @Test
    void telemetry_everyInterval_publishedWithOutboxDepthAndBinFill() throws Exception {
        Properties t = new Properties();
        t.setProperty("telemetry.intervalS", "1");
        kiosk.setBinFillPercent(42);
        startAgent(t, false);

        await().atMost(Duration.ofSeconds(20)).until(() -> collector.topics().contains(Topics.telemetry(deviceId)));
        int i = collector.topics().indexOf(Topics.telemetry(deviceId));
        Telemetry telemetry = Telemetry.decode(collector.everything().get(i).getBytes(StandardCharsets.UTF_8)).value();
        assertThat(telemetry.binFillPercent()).isEqualTo(42);
        assertThat(telemetry.outboxDepth()).isZero();
        assertThat(telemetry.scaleZeroGrams()).isEqualTo(10_000);
        assertThat(telemetry.diskFreeBytes()).isPositive();
    }
}

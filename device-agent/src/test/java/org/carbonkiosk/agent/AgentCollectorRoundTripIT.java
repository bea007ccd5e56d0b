package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.agent.support.Brokers;
import org.carbonkiosk.agent.support.RecordingDisplay;
import org.carbonkiosk.agent.support.TestKiosks;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.collector.CollectorApp;
import org.carbonkiosk.collector.CollectorConfig;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full round trip with the real collector: agent -> broker -> collector (verify, decide,
 * commit) -> receipt -> shown on the kiosk's display.
 */
@Tag("machine-services")
class AgentCollectorRoundTripIT {
    @TempDir
    Path dir;
    private EmbeddedBroker broker;
    private CollectorApp collector;
    private AgentApp agent;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        broker = Brokers.startEmbeddedUnlessConfigured();
        collector = CollectorApp.start(CollectorConfig.of(Map.of("mqtt.url", Brokers.url(broker), "http.port", "0",
                "data.dir", dir.resolve("collector").toString(), "mqtt.clientId", "collector-" + UUID.randomUUID())),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        if (collector != null) {
            collector.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private int call(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                .header("Authorization", "Bearer " + collector.adminToken())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void deposits_enrolledKioskBoundCard_creditedReceiptsShownWithMonthTotals() throws Exception {
        // Given a kiosk enrolled at the collector and a card bound to an account
        String deviceId = "IT-CO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestKiosks.Provisioned p = TestKiosks.provision(dir.resolve("kiosk"));
        enroll(deviceId, p);
        byte[] uid = HexFormat.of().parseHex("04aabbccddeeff");
        String card = CardToken.of(p.fleetKey(), uid);
        assertThat(call("PUT", "/api/cards/" + card, "{\"account\":\"acct-" + deviceId + "\"}")).isEqualTo(200);
        SimulatedKiosk kiosk = new SimulatedKiosk(8_000);
        RecordingDisplay display = new RecordingDisplay();
        startAgent(deviceId, p, kiosk, display);

        // When the resident makes two deposits
        deposit(kiosk, uid, 820);
        await().atMost(Duration.ofSeconds(30)).until(() -> display.shown(DisplayMessage.ReceiptShown.class).size() == 1);
        deposit(kiosk, uid, 1_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> display.shown(DisplayMessage.ReceiptShown.class).size() == 2);

        // Then the collector's decisions reach the display: 820 g -> 1230 g, then the 1500 g cap
        var receipts = display.shown(DisplayMessage.ReceiptShown.class);
        assertThat(receipts.get(0).status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(receipts.get(0).creditedGrams()).isEqualTo(1230);
        assertThat(receipts.get(1).creditedGrams()).isEqualTo(1500);
        assertThat(display.texts()).contains("+1230 g, 1230 / 4500 g this month", "+1500 g, 2730 / 4500 g this month");
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.outboxDepth() == 0);
    }

    @Test
    void deposit_unboundCard_heldAndSaidPlainly() throws Exception {
        String deviceId = "IT-CO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestKiosks.Provisioned p = TestKiosks.provision(dir.resolve("kiosk"));
        enroll(deviceId, p);
        SimulatedKiosk kiosk = new SimulatedKiosk(8_000);
        RecordingDisplay display = new RecordingDisplay();
        startAgent(deviceId, p, kiosk, display);

        deposit(kiosk, HexFormat.of().parseHex("04010203"), 600);

        await().atMost(Duration.ofSeconds(30)).until(() -> display.shown(DisplayMessage.ReceiptShown.class).size() == 1);
        var receipt = display.shown(DisplayMessage.ReceiptShown.class).get(0);
        assertThat(receipt.status()).isEqualTo(DecisionStatus.HELD);
        assertThat(receipt.reason()).contains(Reason.CARD_UNBOUND);
        assertThat(display.texts()).anyMatch(t -> t.contains("not linked to an account yet"));
    }

    @Test
    void doorForced_recordedByTheCollector_settledNotResentForever() throws Exception {
        String deviceId = "IT-CO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestKiosks.Provisioned p = TestKiosks.provision(dir.resolve("kiosk"));
        enroll(deviceId, p);
        SimulatedKiosk kiosk = new SimulatedKiosk(8_000);
        startAgent(deviceId, p, kiosk, new RecordingDisplay());

        kiosk.openDoor();

        await().atMost(Duration.ofSeconds(10)).until(() -> agent.lastSeq() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.outboxDepth() == 0);
    }

    @Test
    void binEmptied_betweenTwoDeposits_receiptedWithNoCreditAndTheNextDepositKeepsTheWeightChain() throws Exception {
        // Given a bin-weighing kiosk (the recycling box's default) with a hauler's service card
        String deviceId = "IT-CO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestKiosks.Provisioned p = TestKiosks.provision(dir.resolve("kiosk"));
        enroll(deviceId, p);
        byte[] uid = HexFormat.of().parseHex("04aabbccddeeff");
        byte[] hauler = HexFormat.of().parseHex("04cafe0102");
        ServiceCardsFile.in(p.identityDir()).write(java.util.Set.of(CardToken.of(p.fleetKey(), hauler)));
        assertThat(call("PUT", "/api/cards/" + CardToken.of(p.fleetKey(), uid),
                "{\"account\":\"acct-" + deviceId + "\"}")).isEqualTo(200);
        SimulatedKiosk kiosk = new SimulatedKiosk(8_000);
        RecordingDisplay display = new RecordingDisplay();
        startAgent(deviceId, p, kiosk, display);
        deposit(kiosk, uid, 820);
        await().atMost(Duration.ofSeconds(30)).until(() -> display.shown(DisplayMessage.ReceiptShown.class).size() == 1);

        // When the hauler empties the bin, then the resident deposits again
        kiosk.tap(hauler.clone());
        await().atMost(Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        kiosk.emptyBin();
        kiosk.closeDoor();
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.lastSeq() == 2 && agent.outboxDepth() == 0);
        deposit(kiosk, uid, 300);
        await().atMost(Duration.ofSeconds(30)).until(() -> display.shown(DisplayMessage.ReceiptShown.class).size() == 2);

        // Then the emptying is receipted without credit, and the deposit after it is credited, not
        // held: its tare (the empty bin) follows the bin-emptied event, not the previous gross
        assertThat(get("/api/events/" + deviceId + ":2")).contains("\"status\":\"credited\"")
                .contains("\"creditedGrams\":0");
        var second = display.shown(DisplayMessage.ReceiptShown.class).get(1);
        assertThat(second.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(second.reason()).isEmpty();
        assertThat(second.creditedGrams()).isEqualTo(450);
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + path))
                .header("Authorization", "Bearer " + collector.adminToken()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Registers the kiosk's public key with the collector (what provisioning does). */
    private void enroll(String deviceId, TestKiosks.Provisioned p) throws Exception {
        assertThat(call("POST", "/api/devices", "{\"deviceId\":\"" + deviceId + "\",\"kioskType\":\"recycling-box\","
                + "\"publicKey\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + p.key().keyPair().publicJwk().x()
                + "\"},\"keyVersion\":1,\"location\":\"test bench\"}")).isEqualTo(201);
    }

    private void startAgent(String deviceId, TestKiosks.Provisioned p, SimulatedKiosk kiosk, RecordingDisplay display) {
        Properties props = TestKiosks.fastProperties(deviceId, p, Brokers.url(broker));
        props.setProperty("session.receiptWaitMs", "15000");
        agent = AgentApp.start(TestKiosks.config(props), kiosk.hardware(false), display, Clock.systemUTC());
        await().atMost(Duration.ofSeconds(20)).until(agent::mqttConnected);
    }

    private static void deposit(SimulatedKiosk kiosk, byte[] uid, int grams) {
        TestKiosks.deposit(kiosk, uid, grams);
        await().atMost(Duration.ofSeconds(10)).until(() -> !kiosk.isUnlocked());
    }
}

package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.carbonkiosk.agent.crash.AgentChildMain;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.support.Brokers;
import org.carbonkiosk.agent.support.DbBytes;
import org.carbonkiosk.agent.support.FakeCollector;
import org.carbonkiosk.agent.support.RecordingDisplay;
import org.carbonkiosk.agent.support.TestKiosks;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with a real kill: a child JVM commits a deposit and is killed with
 * destroyForcibly; a fresh agent on the same data folder sends the same bytes and seq goes on.
 */
@Tag("machine-services")
class OutboxCrashIT {
    private static final byte[] UID = HexFormat.of().parseHex("04c0ffee1234ab");
    @TempDir
    Path dir;
    private EmbeddedBroker broker;
    private FakeCollector collector;
    private AgentApp app;
    private Process child;
    private String deviceId;
    private TestKiosks.Provisioned provisioned;
    private final StringBuilder childOutput = new StringBuilder();

    @BeforeEach
    void setUp() throws IOException {
        broker = Brokers.startEmbeddedUnlessConfigured();
        deviceId = "IT-CR-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        provisioned = TestKiosks.provision(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
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
    void restart_afterKillBetweenCommitAndPublish_sendsSameBytesAndSeqContinues() throws Exception {
        // Given a child that commits while the broker is unreachable, killed right after the commit
        String unreachable = "tcp://127.0.0.1:" + freePort();
        runChildUntilCommitted(unreachable);
        killChild();
        List<String> committed = DbBytes.storedJws(dataDb());
        assertThat(committed).hasSize(1);

        // When a fresh agent starts on the same folder with the broker and collector up
        collector = new FakeCollector(Brokers.url(broker), deviceId, provisioned.key().keyPair().publicKey());
        SimulatedKiosk kiosk = startFreshAgent();

        // Then the committed bytes are published as they were, receipted, and seq goes on from 2
        await().atMost(Duration.ofSeconds(30)).until(() -> app.outboxDepth() == 0);
        assertThat(new String(collector.events().get(0), StandardCharsets.US_ASCII)).isEqualTo(committed.get(0));
        depositAndAwaitSeq(kiosk, 2);
        assertUidNowhere();
    }

    @Test
    void restart_afterKillBetweenPublishAndReceipt_sendsSameBytesAgainAndSeqContinues() throws Exception {
        // Given a silent collector and a child that publishes its deposit, killed before any receipt
        collector = new FakeCollector(Brokers.url(broker), deviceId, provisioned.key().keyPair().publicKey());
        collector.setAnswering(false);
        runChildUntilCommitted(Brokers.url(broker));
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.events().size() >= 1);
        killChild();
        byte[] firstCopy = collector.events().get(0);
        // The broker publishes the killed agent's Last Will: retained offline status
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.everything().stream()
                .anyMatch(m -> m.contains("\"state\":\"offline\"")));

        // When a fresh agent starts on the same folder and the collector answers
        collector.setAnswering(true);
        int before = collector.events().size();
        SimulatedKiosk kiosk = startFreshAgent();

        // Then the same bytes arrive again, the receipt settles them, and seq goes on from 2
        await().atMost(Duration.ofSeconds(30)).until(() -> app.outboxDepth() == 0);
        byte[] again = collector.events().get(before);
        assertThat(again).isEqualTo(firstCopy);
        assertThat(SignedEventCodec.standard().decode(again).value().event().seq()).isEqualTo(1);
        depositAndAwaitSeq(kiosk, 2);
        assertUidNowhere();
    }

    @Test
    void restart_afterPowerLossMidSession_closesSessionHonestly() throws Exception {
        // Given a child killed while its door is unlocked and items are going in
        runChild("tcp://127.0.0.1:" + freePort(), "open", "UNLOCKED");
        killChild();

        // When a fresh agent starts on the same folder
        SimulatedKiosk kiosk = new SimulatedKiosk(10_000);
        kiosk.hardware(false).doorLock().unlock();
        RecordingDisplay display = new RecordingDisplay();
        app = AgentApp.start(TestKiosks.config(TestKiosks.fastProperties(deviceId, provisioned,
                "tcp://127.0.0.1:" + freePort())), kiosk.hardware(false), display, Clock.systemUTC());

        // Then no weight is invented, the door is locked, and the audit trail says what happened
        assertThat(app.lastSeq()).isZero();
        assertThat(DbBytes.storedJws(dataDb())).isEmpty();
        assertThat(kiosk.isUnlocked()).isFalse();
        assertThat(DbBytes.auditLines(dataDb())).anyMatch(l -> l.contains("session interrupted")
                && l.contains("without a deposit event"));
        assertThat(display.shown().get(0)).isEqualTo(new org.carbonkiosk.agent.display.DisplayMessage.Ready());
    }

    private void assertUidNowhere() throws IOException {
        String hex = HexFormat.of().formatHex(UID);
        assertThat(DbBytes.containsUid(provisioned.dataDir(), UID)).as("UID in the outbox files").isFalse();
        assertThat(childOutput.toString().toLowerCase()).as("UID in the child's logs").doesNotContain(hex);
        for (byte[] message : collector.events()) {
            String jws = new String(message, StandardCharsets.US_ASCII);
            String payload = new String(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1]),
                    StandardCharsets.UTF_8);
            assertThat(payload.toLowerCase()).as("UID on the wire").doesNotContain(hex);
            assertThat(DbBytes.indexOf(message, UID)).isEqualTo(-1);
        }
        for (String any : collector.everything()) {
            assertThat(any.toLowerCase()).doesNotContain(hex);
        }
    }

    private void depositAndAwaitSeq(SimulatedKiosk kiosk, long seq) {
        kiosk.tap(UID.clone());
        await().atMost(Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        kiosk.add(300);
        kiosk.closeDoor();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.lastSeq() == seq);
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.events().stream().anyMatch(b ->
                SignedEventCodec.standard().decode(b).value().event().seq() == seq));
    }

    private SimulatedKiosk startFreshAgent() {
        SimulatedKiosk kiosk = new SimulatedKiosk(10_000);
        app = AgentApp.start(TestKiosks.config(TestKiosks.fastProperties(deviceId, provisioned, Brokers.url(broker))),
                kiosk.hardware(false), new RecordingDisplay(), Clock.systemUTC());
        return kiosk;
    }

    private Path dataDb() {
        return provisioned.dataDir().resolve("outbox.db");
    }

    private void runChildUntilCommitted(String mqttUrl) throws Exception {
        runChild(mqttUrl, "820", "COMMITTED seq=1");
    }

    private void runChild(String mqttUrl, String grams, String marker) throws Exception {
        Properties props = TestKiosks.fastProperties(deviceId, provisioned, mqttUrl);
        Path config = dir.resolve("child.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, null);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), AgentChildMain.class.getName(),
                config.toString(), HexFormat.of().formatHex(UID), grams));
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (childOutput) {
                        childOutput.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            synchronized (childOutput) {
                if (childOutput.indexOf("TIMEOUT") >= 0 || !child.isAlive()) {
                    throw new AssertionError("child failed:\n" + childOutput);
                }
                return childOutput.indexOf(marker) >= 0;
            }
        });
    }

    private void killChild() throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        child = null;
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

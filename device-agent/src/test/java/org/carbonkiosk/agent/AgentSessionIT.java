package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.session.SessionState;
import org.carbonkiosk.agent.support.DbBytes;
import org.carbonkiosk.agent.support.RecordingDisplay;
import org.carbonkiosk.agent.support.TestKiosks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole agent on a simulated kiosk with no broker reachable (offline): edge cases end to end. */
class AgentSessionIT {
    private static final byte[] UID = HexFormat.of().parseHex("0a0b0c0d");
    @TempDir
    Path dir;
    private AgentApp app;
    private final SimulatedKiosk kiosk = new SimulatedKiosk(5_000);
    private final RecordingDisplay display = new RecordingDisplay();
    private TestKiosks.Provisioned p;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private void start(Properties overrides, boolean claw) throws Exception {
        p = TestKiosks.provision(dir);
        Properties props = TestKiosks.fastProperties("IT-SE-0001", p, "tcp://127.0.0.1:9");
        props.putAll(overrides);
        if (claw) {
            props.setProperty("kiosk.type", "claw-kiosk");
        }
        app = AgentApp.start(TestKiosks.config(props), kiosk.hardware(claw), display, Clock.systemUTC());
    }

    private void deposit(int grams) {
        TestKiosks.deposit(kiosk, UID, grams);
    }

    private Path db() {
        return p.dataDir().resolve("outbox.db");
    }

    @Test
    void deposit_offline_recordedThenToldItWillBeCreditedLater() throws Exception {
        start(new Properties(), false);

        deposit(640);

        await().atMost(Duration.ofSeconds(15)).until(() ->
                !display.shown(DisplayMessage.RecordedOffline.class).isEmpty());
        assertThat(display.shown(DisplayMessage.RecordedOffline.class)).containsExactly(
                new DisplayMessage.RecordedOffline(640));
        assertThat(display.texts()).contains("Recorded +640 g, will be credited when the kiosk is back online");
        assertThat(app.outboxDepth()).isEqualTo(1);
        assertThat(DbBytes.containsUid(p.dataDir(), UID)).isFalse();
    }

    @Test
    void watchdog_heartbeatFileTouchedBySessionLoop() throws Exception {
        Path heartbeat = dir.resolve("run/heartbeat");
        Properties w = new Properties();
        w.setProperty("watchdog.file", heartbeat.toString());
        w.setProperty("watchdog.intervalS", "1");
        start(w, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(heartbeat));
        var first = java.nio.file.Files.getLastModifiedTime(heartbeat);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                java.nio.file.Files.getLastModifiedTime(heartbeat).compareTo(first) > 0);
    }

    @Test
    void door_forcedWhileIdle_doorForcedEventRecorded() throws Exception {
        start(new Properties(), false);

        kiosk.openDoor();

        await().atMost(Duration.ofSeconds(10)).until(() -> app.lastSeq() == 1);
        assertThat(DbBytes.storedTypes(db())).containsExactly("door-forced");
        assertThat(display.shown(DisplayMessage.DoorForced.class)).hasSize(1);
    }

    @Test
    void deposit_storeFull_outOfServiceNeverRecordedAndRefusesNextCard() throws Exception {
        Properties cap = new Properties();
        cap.setProperty("outbox.maxBytes", "40960");
        start(cap, false);

        int attempts = 0;
        while (display.shown(DisplayMessage.OutOfService.class).isEmpty() && attempts++ < 200) {
            int before = display.shown().size();
            deposit(300 + attempts);
            await().atMost(Duration.ofSeconds(15)).until(() -> display.shown().subList(before, display.shown().size())
                    .stream().anyMatch(m -> m instanceof DisplayMessage.Recorded || m instanceof DisplayMessage.OutOfService));
        }

        assertThat(display.shown(DisplayMessage.OutOfService.class)).first()
                .isEqualTo(new DisplayMessage.OutOfService(true));
        long recorded = display.shown(DisplayMessage.Recorded.class).size();
        assertThat(DbBytes.storedJws(db())).hasSize((int) recorded);
        assertThat(app.lastSeq()).isEqualTo(recorded);
        List<DisplayMessage> shown = display.shown();
        assertThat(shown.get(shown.size() - 1)).isEqualTo(new DisplayMessage.OutOfService(true));

        kiosk.tap(UID.clone());
        await().atMost(Duration.ofSeconds(10)).until(() -> display.shown(DisplayMessage.OutOfService.class).size() >= 2);
        assertThat(kiosk.isUnlocked()).isFalse();
        assertThat(app.sessionState().phase()).isInstanceOf(SessionState.Phase.OutOfService.class);
    }

    @Test
    void deposit_diskBelowMinimum_refusedBeforeTheDoorOpens() throws Exception {
        Properties low = new Properties();
        low.setProperty("outbox.minFreeBytes", Long.toString(Long.MAX_VALUE));
        start(low, false);

        kiosk.tap(UID.clone());

        await().atMost(Duration.ofSeconds(10)).until(() -> !display.shown(DisplayMessage.OutOfService.class).isEmpty());
        assertThat(kiosk.isUnlocked()).isFalse();
        assertThat(app.lastSeq()).isZero();
    }

    @Test
    void deposit_scaleFailsAfterDoorCloses_notRecordedAndSaidPlainly() throws Exception {
        start(new Properties(), false);
        kiosk.tap(UID.clone());
        await().atMost(Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        kiosk.add(500);

        kiosk.setScaleFailing(true);
        kiosk.closeDoor();

        await().atMost(Duration.ofSeconds(15)).until(() -> !display.shown(DisplayMessage.ScaleUnsettled.class).isEmpty());
        assertThat(display.shown(DisplayMessage.ScaleUnsettled.class)).containsExactly(
                new DisplayMessage.ScaleUnsettled(true));
        assertThat(app.lastSeq()).isZero();
        assertThat(DbBytes.auditLines(db())).anyMatch(l -> l.contains("scale-unsettled"));
    }

    @Test
    void claw_offlineDepositAboveThreshold_grantsPlaysOnceAndRecordsClawPlay() throws Exception {
        Properties claw = new Properties();
        claw.setProperty("claw.gramsPerPlay", "200");
        claw.setProperty("claw.maxPlaysPerDeposit", "3");
        claw.setProperty("claw.offlineMinGrams", "300");
        start(claw, true);

        deposit(450);
        await().atMost(Duration.ofSeconds(15)).until(() -> kiosk.playsGranted() == 2);
        kiosk.dropPrize(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.lastSeq() == 3);

        assertThat(DbBytes.storedTypes(db())).containsExactly("deposit", "claw-play", "prize");
        assertThat(display.shown(DisplayMessage.PlaysGranted.class)).containsExactly(new DisplayMessage.PlaysGranted(2));
    }

    @Test
    void claw_offlineDepositBelowThreshold_noPlays() throws Exception {
        Properties claw = new Properties();
        claw.setProperty("claw.gramsPerPlay", "100");
        claw.setProperty("claw.offlineMinGrams", "500");
        start(claw, true);

        deposit(450);
        await().atMost(Duration.ofSeconds(15)).until(() -> !display.shown(DisplayMessage.RecordedOffline.class).isEmpty());

        assertThat(kiosk.playsGranted()).isZero();
        assertThat(DbBytes.storedTypes(db())).containsExactly("deposit");
    }
}

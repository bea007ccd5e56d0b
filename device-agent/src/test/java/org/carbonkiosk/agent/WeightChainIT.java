package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.agent.support.DbBytes;
import org.carbonkiosk.agent.support.RecordingDisplay;
import org.carbonkiosk.agent.support.TestKiosks;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weight chain of a bin-weighing kiosk, through the real session and the real SQLite outbox
 * (offline: the events wait there for their receipts): each tare is the bin as the previous
 * session left it, and a service card's session records a signed bin-emptied event.
 */
class WeightChainIT {
    private static final byte[] RESIDENT = HexFormat.of().parseHex("0a0b0c0d");
    private static final byte[] HAULER = HexFormat.of().parseHex("04cafe0102");
    private static final int BIN = 10_000;
    @TempDir
    Path dir;
    private AgentApp app;
    private TestKiosks.Provisioned p;
    private final SimulatedKiosk kiosk = new SimulatedKiosk(BIN);
    private final RecordingDisplay display = new RecordingDisplay();

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private void start(Properties overrides) throws Exception {
        p = TestKiosks.provision(dir);
        ServiceCardsFile.in(p.identityDir()).write(Set.of(CardToken.of(p.fleetKey(), HAULER)));
        Properties props = TestKiosks.fastProperties("IT-WC-0001", p, "tcp://127.0.0.1:9");
        props.putAll(overrides);
        app = AgentApp.start(TestKiosks.config(props), kiosk.hardware(false), display, Clock.systemUTC());
    }

    private void deposit(int grams) {
        long before = app.lastSeq();
        TestKiosks.deposit(kiosk, RESIDENT, grams);
        await().atMost(Duration.ofSeconds(15)).until(() -> app.lastSeq() == before + 1);
    }

    /** A hauler taps the service card, takes {@code grams} out of the bin and closes the door. */
    private void empty(int grams) {
        long before = app.lastSeq();
        kiosk.tap(HAULER.clone());
        await().atMost(Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        kiosk.remove(grams);
        kiosk.closeDoor();
        await().atMost(Duration.ofSeconds(15)).until(() -> app.lastSeq() == before + 1);
    }

    private List<KioskEvent> events() throws Exception {
        SignedEventCodec codec = SignedEventCodec.standard();
        return DbBytes.storedJws(p.dataDir().resolve("outbox.db")).stream().map(jws -> {
            var decoded = codec.decode(jws.getBytes(StandardCharsets.US_ASCII)).value();
            assertThat(codec.verify(decoded, p.key().keyPair().publicKey())).isTrue();
            return decoded.event();
        }).toList();
    }

    @Test
    void serviceCard_binKiosk_recordsOneSignedBinEmptiedAndNoDeposit() throws Exception {
        start(new Properties());
        deposit(3_000);

        long before = app.lastSeq();
        kiosk.tap(HAULER.clone());
        await().atMost(Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        int removed = kiosk.emptyBin();
        kiosk.closeDoor();
        await().atMost(Duration.ofSeconds(15)).until(() -> app.lastSeq() == before + 1);

        List<KioskEvent> events = events();
        assertThat(events).hasSize(2);
        BinEmptiedEvent emptied = (BinEmptiedEvent) events.get(1);
        assertThat(removed).isEqualTo(3_000);
        assertThat(emptied.removedGrams()).isEqualTo(3_000);
        assertThat(emptied.binGramsAfter()).isEqualTo(BIN);
        assertThat(emptied.card()).isEqualTo(CardToken.of(p.fleetKey(), HAULER));
        assertThat(emptied.seq()).isEqualTo(2);
        assertThat(DbBytes.storedTypes(p.dataDir().resolve("outbox.db"))).containsExactly("deposit", "bin-emptied");
        assertThat(app.outboxDepth()).as("waits for its receipt like a deposit").isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !display.shown(DisplayMessage.BinEmptied.class).isEmpty());
        assertThat(display.shown(DisplayMessage.BinEmptied.class)).containsExactly(
                new DisplayMessage.BinEmptied(3_000, BIN));
        assertThat(display.shown(DisplayMessage.RecordedOffline.class)).as("only the resident's deposit").hasSize(1);
        assertThat(DbBytes.containsUid(p.dataDir(), HAULER)).isFalse();
    }

    @Test
    void deposit_afterEmptying_tareIsTheBinGramsAfter() throws Exception {
        start(new Properties());
        deposit(2_500);
        empty(2_300);

        deposit(400);

        List<KioskEvent> events = events();
        BinEmptiedEvent emptied = (BinEmptiedEvent) events.get(1);
        DepositEvent next = (DepositEvent) events.get(2);
        assertThat(emptied.removedGrams()).isEqualTo(2_300);
        assertThat(emptied.binGramsAfter()).isEqualTo(BIN + 200);
        assertThat(next.tareGrams()).isEqualTo(emptied.binGramsAfter());
        assertThat(next.grossGrams()).isEqualTo(BIN + 600);
    }

    @Test
    void deposits_inARow_tareIsThePreviousGross() throws Exception {
        start(new Properties());

        deposit(820);
        deposit(1_200);

        List<KioskEvent> events = events();
        DepositEvent first = (DepositEvent) events.get(0);
        DepositEvent second = (DepositEvent) events.get(1);
        assertThat(first.tareGrams()).isEqualTo(BIN);
        assertThat(second.tareGrams()).isEqualTo(first.grossGrams());
        assertThat(second.netGrams()).isEqualTo(1_200);
    }

    @Test
    void serviceCard_trayKiosk_ignoredAndTheNextResidentDepositsAsUsual() throws Exception {
        Properties tray = new Properties();
        tray.setProperty("scale.mode", "tray");
        start(tray);

        kiosk.tap(HAULER.clone());
        deposit(500);

        assertThat(DbBytes.storedTypes(p.dataDir().resolve("outbox.db"))).containsExactly("deposit");
        assertThat(((DepositEvent) events().get(0)).card()).isEqualTo(CardToken.of(p.fleetKey(), RESIDENT));
        assertThat(display.shown(DisplayMessage.ServiceDoorUnlocked.class)).isEmpty();
    }
}

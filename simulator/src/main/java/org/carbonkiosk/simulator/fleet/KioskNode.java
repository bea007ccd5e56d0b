package org.carbonkiosk.simulator.fleet;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.carbonkiosk.agent.AgentApp;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.identity.CalibrationFile;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.simulator.net.LinkProxy;

/**
 * One simulated kiosk: the real {@link AgentApp} on a {@link SimulatedKiosk}, with its own
 * identity folder (device key made by {@link DeviceKeyStore}, the fleet card key, a
 * calibration, the hauler's service card), its own outbox, and its uplink through a
 * {@link LinkProxy} the scenario can cut. Its bin keeps what residents put in until
 * {@link #emptyBin()}, so its deposits form a correct weight chain.
 */
public final class KioskNode implements AutoCloseable {
    /** The UID of the hauler's card, a service card on every simulated kiosk. */
    public static final byte[] HAULER_CARD_UID = HexFormat.of().parseHex("04a0a1a2a3a4a5");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);
    private final String deviceId;
    private final boolean claw;
    private final SimulatedKiosk kiosk;
    private final SimDisplay screen;
    private final LinkProxy link;
    private final Path dir;
    private final Clock clock;
    private volatile AgentApp agent;
    private volatile boolean diskFull;

    private KioskNode(String deviceId, boolean claw, SimulatedKiosk kiosk, SimDisplay screen, LinkProxy link,
                      Path dir, Clock clock) {
        this.deviceId = deviceId;
        this.claw = claw;
        this.kiosk = kiosk;
        this.screen = screen;
        this.link = link;
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * Provisions the kiosk under {@code dir} (identity/ and data/), registers its public key with
     * the collector, and starts its agent.
     */
    public static KioskNode provisionAndStart(String deviceId, boolean claw, Path dir, byte[] fleetCardKey,
                                              OffsetDateTime calibratedAt, String brokerHost, int brokerPort,
                                              CollectorClient collector, Clock clock) throws IOException {
        Path identity = dir.resolve("identity");
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(identity).createFirst();
        new FleetCardKeyFile(identity.resolve("card.key")).write(fleetCardKey);
        ServiceCardsFile.in(identity).write(Set.of(CardToken.of(fleetCardKey, HAULER_CARD_UID)));
        new CalibrationFile(identity.resolve("calibration.json")).write(new Calibration(0, 1.0, calibratedAt));
        collector.registerDevice(deviceId, claw, key.keyPair().publicJwk(), key.keyVersion(), "simulated " + deviceId);
        LinkProxy link = LinkProxy.start(deviceId, brokerHost, brokerPort);
        SimulatedKiosk kiosk = new SimulatedKiosk(8_000 + Math.floorMod(deviceId.hashCode(), 4000));
        KioskNode node = new KioskNode(deviceId, claw, kiosk, new SimDisplay(), link, dir, clock);
        node.startAgent();
        return node;
    }

    private void startAgent() {
        Properties p = properties(deviceId, claw, dir.resolve("identity"), dir.resolve("data"), link.url());
        if (diskFull) {
            p.setProperty("outbox.minFreeBytes", Long.toString(Long.MAX_VALUE));
        }
        agent = AgentApp.start(AgentConfig.from(ConfigSource.of(p)), kiosk.hardware(claw), screen, clock);
    }

    /**
     * The kiosk's disk fills up (or has room again): the agent restarts with a minimum of free
     * disk (outbox.minFreeBytes) no disk has, so its free-space check finds the disk full. A full
     * kiosk returns once it says it is out of service.
     */
    public void diskFull(boolean full) throws InterruptedException {
        diskFull = full;
        restartAgent();
        if (full) {
            screen.await(m -> m instanceof DisplayMessage.OutOfService, STEP_TIMEOUT);
        }
    }

    /** The agent stops (its outbox and any open session's journal stay on disk) and starts again on the same folder. */
    public void restartAgent() {
        agent.close();
        startAgent();
    }

    /**
     * A deposit cut short before the outbox commit: the card is tapped, the door opens,
     * {@code grams} go in and the agent stops while the door is still open. The resident closes
     * the door and leaves; the agent starts again and closes the interrupted session without a
     * deposit event.
     */
    public void interruptedDeposit(byte[] uid, int grams) throws InterruptedException {
        kiosk.tap(uid);
        DisplayMessage opened = screen.await(m -> m instanceof DisplayMessage.DoorUnlocked || failed(m), STEP_TIMEOUT);
        if (opened instanceof DisplayMessage.DoorUnlocked) {
            kiosk.add(grams);
            screen.await(m -> m instanceof DisplayMessage.LiveWeight || failed(m), STEP_TIMEOUT);
        }
        agent.close();
        kiosk.closeDoor();
        startAgent();
    }

    /**
     * Key rotation: the kiosk makes its next key, the collector registers it, the agent restarts
     * signing with it. Events already in the outbox keep the signature of the old key.
     */
    public void rotateKey(CollectorClient collector) throws IOException {
        DeviceKeyStore keys = new DeviceKeyStore(dir.resolve("identity"));
        DeviceKeyStore.SigningKey next = keys.createPending();
        collector.addKey(deviceId, next.keyPair().publicJwk(), next.keyVersion());
        keys.activatePending();
        restartAgent();
    }

    /** The agent's settings: every session timer fast, so a deposit takes a fraction of a second. */
    static Properties properties(String deviceId, boolean claw, Path identity, Path data, String mqttUrl) {
        Properties p = new Properties();
        p.setProperty("device.id", deviceId);
        p.setProperty("kiosk.type", claw ? "claw-kiosk" : "recycling-box");
        p.setProperty("identity.dir", identity.toString());
        p.setProperty("data.dir", data.toString());
        p.setProperty("mqtt.url", mqttUrl);
        p.setProperty("hardware.type", "simulated");
        p.setProperty("clock.synced", "true");
        p.setProperty("console.stdin", "false");
        p.setProperty("session.pollIntervalMs", "10");
        p.setProperty("session.settleCount", "3");
        p.setProperty("session.settleBandGrams", "5");
        p.setProperty("session.settleTimeoutMs", "3000");
        p.setProperty("session.doorOpenTimeoutMs", "5000");
        p.setProperty("session.doorCloseTimeoutMs", "10000");
        p.setProperty("session.receiptWaitMs", "300");
        p.setProperty("outbox.resendAfterMs", "3000");
        p.setProperty("outbox.resendMaxMs", "10000");
        p.setProperty("outbox.minFreeBytes", "0");
        p.setProperty("mqtt.reconnectMinMs", "200");
        p.setProperty("mqtt.reconnectMaxMs", "2000");
        p.setProperty("telemetry.intervalS", "30");
        p.setProperty("display.language", "en");
        return p;
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean claw() {
        return claw;
    }

    public LinkProxy link() {
        return link;
    }

    public long outboxDepth() {
        return agent.outboxDepth();
    }

    /** The highest seq the kiosk has taken. */
    public long lastSeq() {
        return agent.lastSeq();
    }

    public boolean online() {
        return agent.mqttConnected();
    }

    /**
     * A resident's deposit, as a person does it: tap the card, wait for the door, put the items
     * in handful by handful, close the door, wait until the kiosk says it is recorded.
     *
     * @return the net grams the kiosk recorded
     * @throws IllegalStateException when the kiosk did not record the deposit
     */
    public int deposit(byte[] uid, List<Integer> handfuls) throws InterruptedException {
        kiosk.tap(uid);
        DisplayMessage opened = screen.await(m -> m instanceof DisplayMessage.DoorUnlocked || failed(m), STEP_TIMEOUT);
        if (failed(opened)) {
            throw new IllegalStateException(deviceId + ": the door did not open: " + opened);
        }
        int total = 0;
        for (int grams : handfuls) {
            kiosk.add(grams);
            total += grams;
            int expected = total;
            DisplayMessage m = screen.await(x -> x instanceof DisplayMessage.LiveWeight w && w.netGrams() == expected
                    || failed(x), STEP_TIMEOUT);
            if (failed(m)) {
                throw new IllegalStateException(deviceId + ": deposit failed: " + m);
            }
        }
        kiosk.closeDoor();
        DisplayMessage done = screen.await(m -> m instanceof DisplayMessage.Recorded || failed(m), STEP_TIMEOUT);
        if (!(done instanceof DisplayMessage.Recorded recorded)) {
            throw new IllegalStateException(deviceId + ": deposit not recorded: " + done);
        }
        return recorded.netGrams();
    }

    /**
     * A hauler's visit: taps the service card ({@link #HAULER_CARD_UID}), takes everything out of
     * the bin, closes the door and waits until the kiosk has recorded its bin-emptied event.
     *
     * @return the grams the kiosk recorded as removed
     * @throws IllegalStateException on a claw kiosk (its scale weighs a tray: no bin to empty), or
     *                               when the kiosk did not record the emptying
     */
    public int emptyBin() throws InterruptedException {
        if (claw) {
            throw new IllegalStateException(deviceId + ": a claw kiosk weighs a tray (scale.mode=tray): no bin"
                    + " to empty");
        }
        kiosk.tap(HAULER_CARD_UID);
        DisplayMessage unlocked = screen.await(m -> m instanceof DisplayMessage.ServiceDoorUnlocked || failed(m),
                STEP_TIMEOUT);
        if (failed(unlocked)) {
            throw new IllegalStateException(deviceId + ": service door not opened: " + unlocked);
        }
        kiosk.emptyBin();
        kiosk.closeDoor();
        DisplayMessage done = screen.await(m -> m instanceof DisplayMessage.BinEmptied || failed(m), STEP_TIMEOUT);
        if (!(done instanceof DisplayMessage.BinEmptied emptied)) {
            throw new IllegalStateException(deviceId + ": bin emptying not recorded: " + done);
        }
        return emptied.removedGrams();
    }

    private static boolean failed(DisplayMessage m) {
        return m instanceof DisplayMessage.NothingDeposited || m instanceof DisplayMessage.ScaleUnsettled
                || m instanceof DisplayMessage.OutOfService || m instanceof DisplayMessage.Busy
                || m instanceof DisplayMessage.CardBlocked;
    }

    @Override
    public void close() {
        agent.close();
        link.close();
    }
}

package org.carbonkiosk.agent.support;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;

/** Provisions a kiosk's identity in a temp folder and builds a fast config for tests. */
public final class TestKiosks {
    private TestKiosks() {
    }

    /** Writes device-key-1.pem and card.key (0600) under {@code dir}/identity; returns the fleet key. */
    public static Provisioned provision(Path dir) throws IOException {
        Path identity = dir.resolve("identity");
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(identity).createFirst();
        byte[] fleetKey = new byte[32];
        new SecureRandom().nextBytes(fleetKey);
        new FleetCardKeyFile(identity.resolve("card.key")).write(fleetKey);
        return new Provisioned(identity, dir.resolve("data"), key, fleetKey);
    }

    public record Provisioned(Path identityDir, Path dataDir, DeviceKeyStore.SigningKey key, byte[] fleetKey) {
    }

    /** Properties of a fast simulated kiosk; tests override what they need. */
    public static Properties fastProperties(String deviceId, Provisioned p, String mqttUrl) {
        Properties props = new Properties();
        props.setProperty("device.id", deviceId);
        props.setProperty("identity.dir", p.identityDir().toString());
        props.setProperty("data.dir", p.dataDir().toString());
        props.setProperty("mqtt.url", mqttUrl);
        props.setProperty("hardware.type", "simulated");
        props.setProperty("session.pollIntervalMs", "10");
        props.setProperty("session.settleCount", "3");
        props.setProperty("session.settleTimeoutMs", "2000");
        props.setProperty("session.doorOpenTimeoutMs", "2000");
        props.setProperty("session.doorCloseTimeoutMs", "5000");
        props.setProperty("session.receiptWaitMs", "3000");
        props.setProperty("outbox.resendAfterMs", "500");
        props.setProperty("outbox.resendMaxMs", "2000");
        props.setProperty("mqtt.reconnectMinMs", "100");
        props.setProperty("mqtt.reconnectMaxMs", "500");
        props.setProperty("telemetry.intervalS", "0");
        props.setProperty("outbox.minFreeBytes", "0");
        props.setProperty("display.language", "en");
        return props;
    }

    /** A resident's deposit: tap, wait for the unlock, put {@code grams} in, close the door. */
    public static void deposit(org.carbonkiosk.agent.hardware.sim.SimulatedKiosk kiosk, byte[] uid, int grams) {
        kiosk.tap(uid.clone());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(kiosk::isUnlocked);
        kiosk.add(grams);
        kiosk.closeDoor();
    }

    public static AgentConfig config(Properties props) {
        return AgentConfig.from(ConfigSource.of(props));
    }
}

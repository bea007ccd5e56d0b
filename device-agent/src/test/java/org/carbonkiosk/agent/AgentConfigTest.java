package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.display.Language;
import org.carbonkiosk.protocol.ScaleMode;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    private static Properties minimal() {
        Properties p = new Properties();
        p.setProperty("device.id", "WH-HS-0001");
        return p;
    }

    @Test
    void from_onlyDeviceId_usesDocumentedDefaults() {
        AgentConfig c = AgentConfig.from(ConfigSource.of(minimal()));

        assertThat(c.claw()).isFalse();
        assertThat(c.identityDir()).isEqualTo(Path.of("/etc/kiosk"));
        assertThat(c.outboxFile()).isEqualTo(Path.of("/var/lib/kiosk/outbox.db"));
        assertThat(c.mqtt().url()).isEqualTo("tcp://localhost:1883");
        assertThat(c.mqtt().clientId()).isEqualTo("WH-HS-0001");
        assertThat(c.outbox().resendAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.outbox().maxInFlight()).isEqualTo(20);
        assertThat(c.session().receiptWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.language()).isEqualTo(Language.BOTH);
        assertThat(c.console().port()).isEmpty();
        assertThat(c.clock().synced()).isEqualTo("true");
    }

    @Test
    void from_environmentOverride_winsOverFile() {
        Properties p = minimal();
        p.setProperty("mqtt.url", "tcp://a:1883");

        AgentConfig c = AgentConfig.from(new ConfigSource(p, Map.of("KIOSK_MQTT_URL", "ssl://b:8883",
                "KIOSK_SESSION_POLL_INTERVAL_MS", "20")));

        assertThat(c.mqtt().url()).isEqualTo("ssl://b:8883");
        assertThat(c.session().pollInterval()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void from_badValues_failNamingTheKey() {
        Properties p = minimal();
        p.setProperty("outbox.maxInFlight", "0");
        assertThatThrownBy(() -> AgentConfig.from(ConfigSource.of(p))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("outbox.maxInFlight");

        Properties q = minimal();
        q.setProperty("mqtt.url", "http://x");
        assertThatThrownBy(() -> AgentConfig.from(ConfigSource.of(q))).hasMessageContaining("mqtt.url");

        Properties r = minimal();
        r.setProperty("mqtt.clientCertFile", "/x.pem");
        assertThatThrownBy(() -> AgentConfig.from(ConfigSource.of(r))).hasMessageContaining("mqtt.clientKeyFile");

        Properties s = minimal();
        s.setProperty("device.id", "lower-case");
        assertThatThrownBy(() -> AgentConfig.from(ConfigSource.of(s))).hasMessageContaining("device.id");
    }

    @Test
    void from_scaleMode_defaultsByKioskTypeAndAcceptsBinOrTray() {
        assertThat(AgentConfig.from(ConfigSource.of(minimal())).scaleMode()).isEqualTo(ScaleMode.BIN);
        Properties claw = minimal();
        claw.setProperty("kiosk.type", "claw-kiosk");
        assertThat(AgentConfig.from(ConfigSource.of(claw)).scaleMode()).isEqualTo(ScaleMode.TRAY);
        claw.setProperty("scale.mode", "bin");
        assertThat(AgentConfig.from(ConfigSource.of(claw)).sessionConfig().scaleMode()).isEqualTo(ScaleMode.BIN);
        Properties box = minimal();
        box.setProperty("scale.mode", "tray");
        assertThat(AgentConfig.from(ConfigSource.of(box)).scaleMode()).isEqualTo(ScaleMode.TRAY);
    }

    @Test
    void from_badScaleMode_failsNamingTheKey() {
        Properties p = minimal();
        p.setProperty("scale.mode", "Bin");

        assertThatThrownBy(() -> AgentConfig.from(ConfigSource.of(p))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("scale.mode").hasMessageContaining("[bin, tray]");
    }

    @Test
    void from_serviceDoorCloseTimeout_defaultsToFifteenMinutes() {
        AgentConfig c = AgentConfig.from(ConfigSource.of(minimal()));

        assertThat(c.session().serviceDoorCloseTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.serviceCardsFile()).isEqualTo(Path.of("/etc/kiosk/service-cards"));
    }

    @Test
    void toString_hidesPassword() {
        Properties p = minimal();
        p.setProperty("mqtt.password", "s3cret-pw");

        assertThat(AgentConfig.from(ConfigSource.of(p)).toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void from_piHardware_clockSyncedAuto() {
        Properties p = minimal();
        p.setProperty("hardware.type", "pi");

        assertThat(AgentConfig.from(ConfigSource.of(p)).clock().synced()).isEqualTo("auto");
    }

    @Test
    void from_durationsAndSizesWithUnits_meanTheSameAsBareNumbersInTheKeysUnit() {
        Properties p = minimal();
        p.setProperty("session.pollIntervalMs", "50ms");
        p.setProperty("session.receiptWaitMs", "5s");
        p.setProperty("outbox.keepSettledHours", "7d");
        p.setProperty("telemetry.intervalS", "PT2M");
        p.setProperty("outbox.minFreeBytes", "32MiB");
        p.setProperty("console.stdin", "off");

        AgentConfig c = AgentConfig.from(ConfigSource.of(p));

        assertThat(c.session().pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.session().receiptWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.outbox().keepSettled()).isEqualTo(Duration.ofDays(7));
        assertThat(c.telemetry().interval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.outbox().minFreeBytes()).isEqualTo(32L << 20);
        assertThat(c.console().stdin()).isFalse();
    }

    @Test
    void from_noMqttUsername_defaultsToTheDeviceId() {
        AgentConfig c = AgentConfig.from(ConfigSource.of(minimal()));

        assertThat(c.mqtt().username()).isEqualTo("WH-HS-0001");
        assertThat(c.publisherConfig().mqtt().username()).isEqualTo("WH-HS-0001");
    }

    @Test
    void from_reconnectMaxBelowMin_failsNamingTheKey() {
        Properties p = minimal();
        p.setProperty("mqtt.reconnectMinMs", "5000");
        p.setProperty("mqtt.reconnectMaxMs", "1000");

        assertThatThrownBy(() -> AgentConfig.from(ConfigSource.of(p))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.reconnectMaxMs");
    }

    @Test
    void slices_carryTheValuesTheirComponentReads() {
        Properties p = minimal();
        p.setProperty("kiosk.type", "claw-kiosk");
        p.setProperty("claw.gramsPerPlay", "250");
        p.setProperty("outbox.resendAfterMs", "2s");

        AgentConfig c = AgentConfig.from(ConfigSource.of(p));

        assertThat(c.sessionConfig().claw()).isTrue();
        assertThat(c.sessionConfig().clawPolicy().playsFor(500)).isEqualTo(2);
        assertThat(c.sessionConfig().minFreeBytes()).isEqualTo(16L << 20);
        assertThat(c.publisherConfig().resendAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.publisherConfig().deviceId()).isEqualTo("WH-HS-0001");
    }
}

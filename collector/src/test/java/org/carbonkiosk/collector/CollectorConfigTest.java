package org.carbonkiosk.collector;

import org.carbonkiosk.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {
    @TempDir
    Path dir;

    @Test
    void load_noFileNoEnv_isTheDefaults() {
        CollectorConfig c = CollectorConfig.load(Optional.empty(), Map.of());
        assertThat(c).isEqualTo(CollectorConfig.defaults());
        assertThat(c.mqtt().url()).isEqualTo("tcp://localhost:1883");
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.store().effectiveDbUrl()).isEqualTo("jdbc:sqlite:data/collector.db");
        assertThat(c.ledger().url()).isEmpty();
    }

    @Test
    void load_fileThenEnv_envWins() throws IOException {
        Path file = dir.resolve("collector.properties");
        Files.writeString(file, "mqtt.url=tcp://broker:1883\nhttp.port=9000\nledger.backoffMax=10m\n"
                + "rule.monthlyCountLimit=3\nrule.lateWindow=3d\n");
        CollectorConfig c = CollectorConfig.load(Optional.of(file), Map.of("KIOSK_HTTP_PORT", "9100",
                "KIOSK_LEDGER_URL", "http://ledger:8000", "KIOSK_LEDGER_TOKEN", "secret",
                "KIOSK_DB_URL", "jdbc:postgresql://db/kiosk", "KIOSK_ADMIN_TOKEN", "0123456789abcdef0123",
                "KIOSK_DATA_DIR", "/var/lib/collector", "KIOSK_MQTT_URL", "ssl://b:8883"));
        assertThat(c.mqtt().url()).isEqualTo("ssl://b:8883");
        assertThat(c.http().port()).isEqualTo(9100);
        assertThat(c.ledger().url()).isEqualTo("http://ledger:8000");
        assertThat(c.ledger().token()).isEqualTo("secret");
        assertThat(c.store().dbUrl()).isEqualTo("jdbc:postgresql://db/kiosk");
        assertThat(c.adminToken()).isEqualTo("0123456789abcdef0123");
        assertThat(c.store().dataDir()).isEqualTo(Path.of("/var/lib/collector"));
        assertThat(c.ledger().backoffMax()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.checks().lateWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(c.rules().at(Instant.now()).monthlyCountLimit()).isEqualTo(3);
        assertThat(c.toString()).doesNotContain("secret").doesNotContain("0123456789abcdef");
    }

    @Test
    void load_mqttTlsAndKeyGrace() {
        CollectorConfig d = CollectorConfig.defaults();
        assertThat(d.mqtt().tls().configured()).isFalse();
        assertThat(d.checks().keyRotationGrace()).isEqualTo(Duration.ofDays(7));

        CollectorConfig c = CollectorConfig.load(Optional.empty(), Map.of("KIOSK_MQTT_TLS_CA_FILE", "/etc/kiosk/ca.pem",
                "KIOSK_MQTT_TLS_CERT_FILE", "/etc/kiosk/c.pem", "KIOSK_MQTT_TLS_KEY_FILE", "/etc/kiosk/c.key",
                "KIOSK_KEYS_ROTATION_GRACE", "2d"));
        assertThat(c.mqtt().tls().caFile()).contains(Path.of("/etc/kiosk/ca.pem"));
        assertThat(c.mqtt().tls().certFile()).contains(Path.of("/etc/kiosk/c.pem"));
        assertThat(c.mqtt().tls().keyFile()).contains(Path.of("/etc/kiosk/c.key"));
        assertThat(c.checks().keyRotationGrace()).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(),
                Map.of("KIOSK_MQTT_TLS_CERT_FILE", "/etc/kiosk/c.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.tls.keyFile");
    }

    @Test
    void load_badValues_messageNamesTheKey() {
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_MQTT_URL", "localhost")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.url");
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_LEDGER_URL", "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.url");
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_RULE_LATE_WINDOW", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rule.lateWindow");
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_ADMIN_TOKEN", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.token");
    }

    @Test
    void load_twoRuleVersions_eachWithOwnSettings() {
        CollectorConfig c = CollectorConfig.load(Optional.empty(), Map.of(
                "KIOSK_RULE_VERSIONS", "a,b", "KIOSK_RULE_B_EFFECTIVE_FROM", "2027-01-01T00:00:00+08:00",
                "KIOSK_RULE_B_MONTHLY_CAP_GRAMS", "6000"));
        assertThat(c.rules().at(Instant.parse("2026-12-01T00:00:00Z")).version()).isEqualTo("a");
        assertThat(c.rules().at(Instant.parse("2027-02-01T00:00:00Z")).monthlyCapGrams()).isEqualTo(6000);
    }

    @Test
    void of_keysInCode_readLikeAFile_andAnUnknownKeyIsRefused() {
        CollectorConfig c = CollectorConfig.of(Map.of("http.port", "0", "ledger.timeout", "500ms",
                "integrity.flagOnImbalance", "yes", "mqtt.password", "broker-secret", "ingest.batchSize", "64"));
        assertThat(c.http().port()).isZero();
        assertThat(c.ledger().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.integrity().flagOnImbalance()).isTrue();
        assertThat(c.ingest().batchSize()).isEqualTo(64);
        assertThat(c.toString()).doesNotContain("broker-secret");
        assertThatThrownBy(() -> CollectorConfig.of(Map.of("ledger.timout", "1s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.timout");
        assertThatThrownBy(() -> CollectorConfig.of(Map.of("db.url", "jdbc:mysql://db/kiosk")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("db.url");
        assertThatThrownBy(() -> CollectorConfig.of(Map.of("ingest.batchWait", "2s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.batchWait");
    }
}

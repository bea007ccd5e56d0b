package org.carbonkiosk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

    private static ConfigSource source(Map<String, String> env, String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return new ConfigSource(p, env);
    }

    @Test
    void unreadKeys_misspelledKeyIsReportedAfterTheRealOnesAreRead() {
        ConfigSource config = source(Map.of(), "mqtt.url", "tcp://broker:1883", "hardware.hx711.doutpin", "5",
                "provisioning.location", "Hall 3");

        config.string("mqtt.url");
        config.integer("hardware.hx711.doutPin", 5, 0, 27);

        assertThat(config.unreadKeys(Set.of("provisioning."))).containsExactly("hardware.hx711.doutpin");
    }

    @Test
    void unreadKeys_keyReadWithItsDefaultCountsAsRead() {
        ConfigSource config = source(Map.of(), "session.settleCount", "");

        config.integer("session.settleCount", 5, 1, 100);

        assertThat(config.unreadKeys(Set.of())).isEmpty();
    }

    @Test
    void optional_environmentOverridesTheFile() {
        ConfigSource config = source(Map.of("KIOSK_MQTT_URL", "tcp://other:1883"), "mqtt.url", "tcp://broker:1883");

        assertThat(config.string("mqtt.url")).isEqualTo("tcp://other:1883");
        assertThat(ConfigSource.environmentName("mqtt.clientCertFile")).isEqualTo("KIOSK_MQTT_CLIENT_CERT_FILE");
    }

    @Test
    void integer_outOfRangeOrNotANumber_failsNamingTheKey() {
        ConfigSource config = source(Map.of(), "telemetry.intervalS", "0", "outbox.maxInFlight", "ten");

        assertThatThrownBy(() -> config.integer("telemetry.intervalS", 60, 1, 3600))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.intervalS");
        assertThatThrownBy(() -> config.integer("outbox.maxInFlight", 10, 1, 1000))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outbox.maxInFlight")
                .hasMessageContaining("'ten'");
    }

    @Test
    void warnUnknownKeys_namesEachUnreadKeyOnce() {
        ConfigSource config = source(Map.of(), "mqtt.url", "tcp://broker:1883", "mqtt.urll", "tcp://typo:1883");

        config.string("mqtt.url");

        assertThat(config.warnUnknownKeys(Set.of(), "this agent"))
                .containsExactly("config key 'mqtt.urll' is not used by this agent (misspelled, or for other hardware):"
                        + " its value has no effect");
    }

    @Test
    void get_requiredKeyAbsent_failsNamingTheKey() {
        ConfigSource config = source(Map.of());

        assertThatThrownBy(() -> config.get(Key.string("device.id")))
                .isInstanceOf(ConfigException.class).hasMessage("config key 'device.id' is required")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("device.id");
    }

    @Test
    void get_typedKeyWithDefault_usesTheDefaultOnlyWhenAbsentOrBlank() {
        Key<Integer> count = Key.integer("session.settleCount", 1, 1000).defaultsTo(5);

        assertThat(source(Map.of()).get(count)).isEqualTo(5);
        assertThat(source(Map.of(), "session.settleCount", "  ").get(count)).isEqualTo(5);
        assertThat(source(Map.of(), "session.settleCount", "7").get(count)).isEqualTo(7);
        assertThat(source(Map.of(), "session.settleCount", "7").find(count.defaultsTo(9))).contains(7);
    }

    @Test
    void optional_environmentValueWinsEvenWithoutAFileEntry() {
        ConfigSource config = source(Map.of("KIOSK_SESSION_POLL_INTERVAL_MS", "20"));

        assertThat(config.duration("session.pollIntervalMs", ChronoUnit.MILLIS, Duration.ofMillis(100),
                Duration.ofMillis(5), Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(20));
        assertThat(ConfigSource.environmentName("session.pollIntervalMs")).isEqualTo("KIOSK_SESSION_POLL_INTERVAL_MS");
    }

    @Test
    void bool_everySpellingOfTheOneSyntax() {
        ConfigSource config = source(Map.of(), "a", "YES", "b", "off", "c", "True", "d", "no", "e", "On", "f", "FALSE");

        assertThat(config.bool("a", false)).isTrue();
        assertThat(config.bool("b", true)).isFalse();
        assertThat(config.bool("c", false)).isTrue();
        assertThat(config.bool("d", true)).isFalse();
        assertThat(config.bool("e", false)).isTrue();
        assertThat(config.bool("f", true)).isFalse();
        assertThat(config.bool("absent", true)).isTrue();
    }

    @Test
    void bool_anythingElse_failsNamingTheKey() {
        ConfigSource config = source(Map.of(), "console.stdin", "1");

        assertThatThrownBy(() -> config.bool("console.stdin", true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("console.stdin").hasMessageContaining("'1'");
    }

    @Test
    void duration_unitsIsoAndBareNumbersInTheKeysUnit() {
        ChronoUnit ms = ChronoUnit.MILLIS;
        assertThat(Values.duration("k", "500ms", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMillis(500));
        assertThat(Values.duration("k", "60s", ms)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Values.duration("k", "5m", ms)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Values.duration("k", "2h", ms)).isEqualTo(Duration.ofHours(2));
        assertThat(Values.duration("k", "7d", ms)).isEqualTo(Duration.ofDays(7));
        assertThat(Values.duration("k", "PT1M30S", ms)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Values.duration("k", "250", ms)).isEqualTo(Duration.ofMillis(250));
        assertThat(Values.duration("k", "30", ChronoUnit.SECONDS)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void duration_badTextNegativeOrOutOfRange_failsNamingTheKey() {
        ConfigSource config = source(Map.of(), "mqtt.keepAliveS", "soon", "outbox.resendAfterMs", "-PT1S",
                "telemetry.intervalS", "2d");

        assertThatThrownBy(() -> config.duration("mqtt.keepAliveS", ChronoUnit.SECONDS, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.keepAliveS").hasMessageContaining("'soon'");
        assertThatThrownBy(() -> config.duration("outbox.resendAfterMs", ChronoUnit.MILLIS, Duration.ZERO,
                Duration.ZERO, Duration.ofDays(1))).hasMessageContaining("outbox.resendAfterMs")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> config.duration("telemetry.intervalS", ChronoUnit.SECONDS, Duration.ZERO,
                Duration.ZERO, Duration.ofDays(1))).hasMessageContaining("telemetry.intervalS")
                .hasMessageContaining("[0s, 86400s]");
    }

    @Test
    void size_binaryUnitsAndBareBytes() {
        assertThat(Values.size("k", "16777216")).isEqualTo(16_777_216L);
        assertThat(Values.size("k", "512B")).isEqualTo(512L);
        assertThat(Values.size("k", "8KiB")).isEqualTo(8192L);
        assertThat(Values.size("k", "64MiB")).isEqualTo(64L << 20);
        assertThat(Values.size("k", "1gib")).isEqualTo(1L << 30);
        assertThat(source(Map.of("KIOSK_OUTBOX_MAX_BYTES", "2MiB")).size("outbox.maxBytes", 0, 0, Long.MAX_VALUE))
                .isEqualTo(2L << 20);
    }

    @Test
    void size_unknownUnitOrOverflow_failsNamingTheKey() {
        ConfigSource config = source(Map.of(), "outbox.minFreeBytes", "16MB", "outbox.maxBytes", "99999999999TiB");

        assertThatThrownBy(() -> config.size("outbox.minFreeBytes", 0, 0, Long.MAX_VALUE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outbox.minFreeBytes")
                .hasMessageContaining("'16MB'");
        assertThatThrownBy(() -> config.size("outbox.maxBytes", 0, 0, Long.MAX_VALUE))
                .hasMessageContaining("outbox.maxBytes");
    }

    @Test
    void choice_valueOutsideTheSet_failsListingTheChoices() {
        ConfigSource config = source(Map.of(), "hardware.type", "raspberry");

        assertThatThrownBy(() -> config.choice("hardware.type", "simulated", Set.of("simulated", "pi")))
                .hasMessage("config key 'hardware.type' must be one of [pi, simulated], was 'raspberry'");
    }

    @Test
    void load_readsThePropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "device.id=WH-HS-0001\n# a comment\nmqtt.url = tcp://b:1883\n");

        ConfigSource config = ConfigSource.load(file, Map.of());

        assertThat(config.string("device.id")).isEqualTo("WH-HS-0001");
        assertThat(config.string("mqtt.url")).isEqualTo("tcp://b:1883");
        assertThatThrownBy(() -> ConfigSource.load(dir.resolve("missing.properties"), Map.of()))
                .hasMessageContaining("missing.properties");
    }

    @Test
    void url_needsOneOfTheSchemesAndAHost_theErrorNamesTheKey() {
        assertThat(Values.url("ledger.url", "https://ledger.example:8443/v1", java.util.List.of("http", "https")))
                .isEqualTo("https://ledger.example:8443/v1");
        assertThatThrownBy(() -> Values.url("ledger.url", "ftp://ledger", java.util.List.of("http", "https")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.url").hasMessageContaining("ftp");
        assertThatThrownBy(() -> Values.url("mqtt.url", "localhost", java.util.List.of("tcp", "ssl")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.url");
        assertThatThrownBy(() -> Values.url("mqtt.url", "tcp://bad host:1883", java.util.List.of("tcp", "ssl")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not a URL");
    }
}

package org.carbonkiosk.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
}

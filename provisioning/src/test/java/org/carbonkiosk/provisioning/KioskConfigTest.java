package org.carbonkiosk.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskConfigTest {
    @TempDir
    Path dir;

    @Test
    void load_readsTheSharedKeysAsTheAgentDoes() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "device.id=WH-HS-0042\nmqtt.url=ssl://broker:8883\nmqtt.keepAliveS=1m\n"
                + "provisioning.location=Hall 3\n");
        Map<String, String> env = Map.of("KIOSK_MQTT_PASSWORD", "from-the-environment");

        KioskConfig tool = KioskConfig.load(file, env);
        AgentConfig agent = AgentConfig.from(ConfigSource.load(file, env));

        assertThat(tool.mqtt()).isEqualTo(agent.mqtt());
        assertThat(tool.mqttUsername()).isEqualTo("WH-HS-0042").isEqualTo(agent.mqtt().username());
        assertThat(tool.mqttPassword()).contains("from-the-environment");
        assertThat(tool.mqtt().keepAlive()).isEqualTo(Duration.ofMinutes(1));
        assertThat(tool.identityDir()).isEqualTo(agent.identityDir());
        assertThat(tool.location()).contains("Hall 3");
    }

    @Test
    void load_badSharedValue_failsNamingFileAndKey() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "device.id=WH-HS-0042\nmqtt.clientCertFile=/etc/kiosk/c.pem\n");

        ProvisionException e = catchThrowableOfType(() -> KioskConfig.load(file, Map.of()), ProvisionException.class);

        assertThat(e.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(e.getMessage()).contains(file.toString()).contains("mqtt.clientKeyFile");
    }
}

package org.carbonkiosk.provisioning.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoCommandTest {
    @TempDir
    Path dir;

    @Test
    void mosquitto_printsPasswordEntryForTheConfiguredPasswordAndOwnTopicAcl() {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");

        ToolRunner.Result result = tool.run("mosquitto", "--config", tool.config().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        String entry = result.out().lines().filter(l -> l.startsWith("WH-HS-0001:$7$101$")).findFirst().orElseThrow();
        assertThat(MosquittoPassword.matches("a-long-mqtt-password".toCharArray(),
                entry.substring("WH-HS-0001:".length()))).isTrue();
        assertThat(result.out()).doesNotContain("a-long-mqtt-password")
                .contains("user WH-HS-0001\n"
                        + "topic write kiosk/v1/WH-HS-0001/event\n"
                        + "topic readwrite kiosk/v1/WH-HS-0001/status\n"
                        + "topic write kiosk/v1/WH-HS-0001/telemetry\n"
                        + "topic read kiosk/v1/WH-HS-0001/receipt\n")
                .contains("user collector\ntopic read kiosk/v1/+/event\n")
                .contains("topic write kiosk/v1/+/receipt");
        assertThat(result.out()).doesNotContain("kiosk/v1/#").doesNotContain("topic readwrite kiosk/v1/+");
    }

    @Test
    void mosquitto_notInitialised_saysRunInit() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.run("mosquitto", "--config", tool.config().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("Run 'init' first");
    }
}

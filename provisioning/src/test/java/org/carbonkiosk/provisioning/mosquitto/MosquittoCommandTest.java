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
    void mosquitto_onlyPassword_printsTheOnePasswordFileLine() {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");

        ToolRunner.Result result = tool.run("mosquitto", "--config", tool.config().toString(), "--only", "password");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("WH-HS-0001:$7$101$");
            assertThat(MosquittoPassword.matches("a-long-mqtt-password".toCharArray(),
                    line.substring("WH-HS-0001:".length()))).isTrue();
        });
    }

    @Test
    void mosquitto_onlyAcl_printsThisKiosksAclAndNoCollectorOrPassword() {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");

        ToolRunner.Result result = tool.run("mosquitto", "--config", tool.config().toString(), "--only", "acl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("# kiosk WH-HS-0001\n"
                + "user WH-HS-0001\n"
                + "topic write kiosk/v1/WH-HS-0001/event\n"
                + "topic readwrite kiosk/v1/WH-HS-0001/status\n"
                + "topic write kiosk/v1/WH-HS-0001/telemetry\n"
                + "topic read kiosk/v1/WH-HS-0001/receipt\n\n");
    }

    @Test
    void mosquitto_onlyCollector_needsNoKioskAndUsesTheGivenUser() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.run("mosquitto", "--only", "collector", "--collector-user", "collector-a");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("user collector-a\n"
                + "topic read kiosk/v1/+/event\n"
                + "topic read $share/collectors/kiosk/v1/+/event\n"
                + "topic write kiosk/v1/+/receipt\n"
                + "topic read kiosk/v1/+/status\n"
                + "topic read kiosk/v1/+/telemetry\n");
    }

    @Test
    void mosquitto_notInitialised_saysRunInit() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.run("mosquitto", "--config", tool.config().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("Run 'init' first");
    }
}

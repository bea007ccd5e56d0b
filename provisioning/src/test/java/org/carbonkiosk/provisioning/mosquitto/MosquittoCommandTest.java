package org.carbonkiosk.provisioning.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                .contains("user WH-HS-0001-selftest\n"
                        + "topic write kiosk/v1/WH-HS-0001/event\n")
                .contains("user collector\ntopic readwrite kiosk/v1/+/event\n")
                .contains("user collector-out\ntopic write kiosk/v1/+/receipt")
                .contains("use_username_as_clientid true");
        assertThat(result.out()).doesNotContain("kiosk/v1/#").doesNotContain("topic readwrite kiosk/v1/+/receipt")
                .doesNotContain("topic readwrite kiosk/v1/+/status");
    }

    @Test
    void mosquitto_onlyPassword_printsTheKiosksAndItsSelfTestsPasswordFileLines() {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");

        ToolRunner.Result result = tool.run("mosquitto", "--config", tool.config().toString(), "--only", "password");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("WH-HS-0001:$7$101$");
        assertThat(lines.get(1)).startsWith("WH-HS-0001-selftest:$7$101$");
        assertThat(MosquittoPassword.matches("a-long-mqtt-password".toCharArray(),
                lines.get(0).substring("WH-HS-0001:".length()))).isTrue();
        assertThat(MosquittoPassword.matches("a-long-mqtt-password".toCharArray(),
                lines.get(1).substring("WH-HS-0001-selftest:".length()))).isTrue();
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
                + "topic read kiosk/v1/WH-HS-0001/receipt\n"
                + "\n"
                + "user WH-HS-0001-selftest\n"
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
                + "topic readwrite kiosk/v1/+/event\n"
                + "topic read $share/collectors/kiosk/v1/+/event\n"
                + "\n"
                + "user collector-a-out\n"
                + "topic write kiosk/v1/+/receipt\n"
                + "topic read kiosk/v1/+/status\n"
                + "topic read kiosk/v1/+/telemetry\n");
    }

    @Test
    void mosquitto_onlyConf_needsNoKioskAndTiesClientIdsToUsers() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.run("mosquitto", "--only", "conf");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines()).contains("allow_anonymous false", "use_username_as_clientid true",
                "password_file /etc/mosquitto/kiosk/passwd", "acl_file /etc/mosquitto/kiosk/acl");
    }

    @Test
    void brokerConf_isInTheKitsMosquittoConf() throws IOException {
        List<String> kit = Files.readAllLines(Path.of("..", "deploy", "mosquitto", "mosquitto.conf"));

        List<String> settings = MosquittoCommand.brokerConf().stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(kit).containsAll(settings);
        int listener = kit.indexOf("listener 8883");
        assertThat(listener).isNotNegative();
        assertThat(kit.indexOf("use_username_as_clientid true")).isGreaterThan(listener);
    }

    @Test
    void mosquitto_notInitialised_saysRunInit() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.run("mosquitto", "--config", tool.config().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("Run 'init' first");
    }
}

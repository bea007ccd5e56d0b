package org.carbonkiosk.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ToolRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HelpTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"init", "enroll", "import", "calibrate", "self-test", "rotate-key", "revoke", "mosquitto",
        "service-card"})
    void help_everyCommand_describesItAndItsExitCodes(String command) {
        ToolRunner.Result result = new ToolRunner(dir).run(command, "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Usage: kiosk-provision " + command).contains("Exit codes:")
                .contains("--help");
    }

    @Test
    void help_root_listsCommands() {
        ToolRunner.Result result = new ToolRunner(dir).run("--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("init", "enroll", "import", "calibrate", "self-test", "rotate-key", "revoke",
                "mosquitto", "service-card", "Exit codes:");
    }

    @Test
    void noCommand_isAUsageError() {
        ToolRunner.Result result = new ToolRunner(dir).run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("a command is needed");
    }

    @Test
    void unknownFlag_isAUsageError() {
        ToolRunner.Result result = new ToolRunner(dir).run("init", "--device", "X");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--device");
    }
}

package org.carbonkiosk.provisioning.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemHardwareProviderTest {
    @TempDir
    Path dir;

    @Test
    void calibrate_hardwareTypeSimulated_simulatedTechnicianDoesTheSteps() {
        ToolRunner tool = new ToolRunner(dir).systemHardware();
        tool.init("WH-HS-0001");

        ToolRunner.Result result = tool.calibrate("--reference-grams", "2000");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Calibration saved");
    }

    @Test
    void calibrate_piWithScaleThatWeighsItself_explainsItIsCalibratedOnItsTerminal() {
        ToolRunner tool = new ToolRunner(dir).systemHardware();
        tool.run("init", "--config", tool.config().toString(), "--device-id", "WH-HS-0002", "--kiosk-type",
                "recycling-box", "--identity-dir", tool.identityDir().toString(), "--data-dir", tool.dataDir().toString(),
                "--mqtt-url", "tcp://127.0.0.1:1883", "--generate-mqtt-password", "--hardware-type", "pi",
                "--card-key-hex", ToolRunner.CARD_KEY_HEX, "-H", "hardware.scale.type=simulated",
                "-H", "hardware.cardReader.type=simulated", "-H", "hardware.io.type=simulated");

        ToolRunner.Result result = tool.calibrate("--reference-grams", "2000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("hardware.scale.type=simulated").contains("reports grams by itself");
    }

    @Test
    void calibrate_piWithUnknownScaleType_namesTheKey() {
        ToolRunner tool = new ToolRunner(dir).systemHardware();
        tool.run("init", "--config", tool.config().toString(), "--device-id", "WH-HS-0003", "--kiosk-type",
                "recycling-box", "--identity-dir", tool.identityDir().toString(), "--data-dir", tool.dataDir().toString(),
                "--mqtt-url", "tcp://127.0.0.1:1883", "--generate-mqtt-password", "--hardware-type", "pi",
                "--card-key-hex", ToolRunner.CARD_KEY_HEX, "-H", "hardware.scale.type=bathroom-scale");

        ToolRunner.Result result = tool.calibrate("--reference-grams", "2000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("hardware.scale.type").contains("docs/hardware.md");
    }
}

package org.carbonkiosk.provisioning.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.identity.CalibrationFile;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ScriptedPrompter;
import org.carbonkiosk.provisioning.ToolRunner;
import org.carbonkiosk.provisioning.hardware.SimulatedLoadCell;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {
    @TempDir
    Path dir;
    ToolRunner tool;

    @BeforeEach
    void initialised() {
        tool = new ToolRunner(dir);
        assertThat(tool.init("WH-HS-0001").exitCode()).isEqualTo(ExitCodes.OK);
    }

    private CalibrationFile calibrationFile() {
        return new CalibrationFile(tool.identityDir().resolve("calibration.json"));
    }

    @Test
    void calibrate_simulatedScale_writesOffsetFactorAndDate() throws IOException {
        ToolRunner.Result result = tool.calibrate("--reference-grams", "2000");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        Calibration c = calibrationFile().read().orElseThrow();
        SimulatedLoadCell cell = tool.hardware().simulatedLoadCell();
        assertThat(c.offsetCounts()).isCloseTo(cell.offsetCounts(), within(3L));
        assertThat(c.countsPerGram()).isCloseTo(cell.countsPerGram(), within(0.01));
        assertThat(c.calibratedAt().toInstant()).isEqualTo(ToolRunner.NOW);
        assertThat(cell.loadGrams()).as("the simulated technician took the mass off").isZero();
        cell.setLoadGrams(2000);
        assertThat(c.toGrams(cell.readRaw())).isCloseTo(2000, within(1));
    }

    @Test
    void calibrate_interactive_technicianPlacesMassWhenAsked() throws IOException {
        SimulatedLoadCell cell = tool.hardware().simulatedLoadCell();
        tool.hardware().setActsForTechnician(false);
        cell.setLoadGrams(350);
        int[] step = {0};
        ScriptedPrompter technician = new ScriptedPrompter().answers("1000")
                .onEnter(() -> cell.setLoadGrams(step[0]++ == 0 ? 0 : 1000));
        tool.prompter(technician);

        ToolRunner.Result result = tool.calibrate();

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(technician.asked()).anySatisfy(q -> assertThat(q).contains("Take everything off"))
                .anySatisfy(q -> assertThat(q).contains("1000 g reference mass"));
        assertThat(calibrationFile().read().orElseThrow().countsPerGram()).isCloseTo(21.7, within(0.02));
    }

    @Test
    void calibrate_unstableReferenceReading_refusedAndNothingSaved() {
        SimulatedLoadCell cell = tool.hardware().simulatedLoadCell();
        tool.hardware().setActsForTechnician(false);
        int[] enters = {0};
        ScriptedPrompter technician = new ScriptedPrompter().answers("1000").onEnter(() -> {
            if (enters[0]++ == 1) { // the mass goes on, and the wind shakes the kiosk
                cell.setLoadGrams(1000);
                cell.setNoiseCounts(400);
            }
        });
        tool.prompter(technician);

        ToolRunner.Result result = tool.calibrate("--wait-seconds", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.HARDWARE);
        assertThat(result.err()).contains("unstable reading of the reference mass").contains("Nothing was saved");
        assertThat(calibrationFile().path()).doesNotExist();
    }

    @Test
    void calibrate_windShakesKioskThroughoutTheWait_refusedAndNothingSaved() {
        tool.hardware().simulatedLoadCell().setNoiseCounts(400);

        ToolRunner.Result result = tool.calibrate("--reference-grams", "1000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.HARDWARE);
        assertThat(result.err()).contains("unstable reading");
        assertThat(calibrationFile().path()).doesNotExist();
    }

    @Test
    void calibrate_scaleNotResponding_plainErrorAndNothingSaved() {
        tool.hardware().simulatedLoadCell().setFailing(true);

        ToolRunner.Result result = tool.calibrate("--reference-grams", "1000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.HARDWARE);
        assertThat(result.err()).contains("the scale is not responding").contains("load-cell cable");
        assertThat(calibrationFile().path()).doesNotExist();
    }

    @Test
    void calibrate_massNeverPlaced_saysTheReadingDidNotChange() {
        tool.hardware().setActsForTechnician(false);

        ToolRunner.Result result = tool.calibrate("--reference-grams", "1000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.HARDWARE);
        assertThat(result.err()).contains("did not change");
        assertThat(calibrationFile().path()).doesNotExist();
    }

    @Test
    void calibrate_noTerminalAndNoMass_namesTheFlag() {
        ToolRunner.Result result = tool.calibrate();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--reference-grams");
    }

    @Test
    void calibrate_notInitialised_saysRunInit() {
        ToolRunner fresh = new ToolRunner(dir.resolve("other"));

        ToolRunner.Result result = fresh.calibrate("--reference-grams", "1000");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("not initialised").contains("init");
    }

    @Test
    void calibrate_recalibration_replacesDate() throws IOException {
        tool.calibrate("--reference-grams", "1000");
        OffsetDateTime first = calibrationFile().read().orElseThrow().calibratedAt();
        tool.clock(java.time.Clock.fixed(ToolRunner.NOW.plusSeconds(86_400), java.time.ZoneOffset.ofHours(8)));

        assertThat(tool.calibrate("--reference-grams", "1000").exitCode()).isEqualTo(ExitCodes.OK);

        assertThat(calibrationFile().read().orElseThrow().calibratedAt()).isAfter(first);
    }
}

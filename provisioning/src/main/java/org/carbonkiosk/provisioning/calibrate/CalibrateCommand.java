package org.carbonkiosk.provisioning.calibrate;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.identity.CalibrationFile;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.FileOwner;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.OwnerOption;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import org.carbonkiosk.provisioning.hardware.Instruction;
import org.carbonkiosk.provisioning.hardware.ToolHardware;
import org.carbonkiosk.provisioning.prompt.Prompter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code calibrate}: guided scale calibration, written to calibration.json with its date. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Calibrate the scale with a reference mass.",
        description = {"Guided scale calibration: empty scale (tare), then a reference mass (factor), then a second",
            "reading of the mass that must agree within the tolerance. Writes calibration.json with today's date.",
            "Without a terminal: the scale must be empty at the start; the tool then waits for the mass."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Calibrated and saved.", "2:A value is missing or invalid.", "3:Kiosk not initialised.",
            "7:Scale not responding, unstable, did not move, or verification failed (nothing saved)."})
public final class CalibrateCommand extends ToolCommand {
    @Mixin
    ConfigOption config;
    @Mixin
    OwnerOption ownerOption;
    @Option(names = "--reference-grams", paramLabel = "GRAMS", description = "The reference mass, in grams (e.g. 2000).")
    Integer referenceGrams;
    @Option(names = "--tolerance-grams", paramLabel = "GRAMS",
            description = "Allowed error of the verification reading (default: 0.5% of the mass, at least 2 g).")
    Double toleranceGrams;
    @Option(names = "--samples", defaultValue = "10", description = "Readings per window (default ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--band-counts", defaultValue = "100",
            description = "A window is stable when its readings spread at most this many raw counts (default ${DEFAULT-VALUE}).")
    long bandCounts;
    @Option(names = "--min-span-counts", defaultValue = "500",
            description = "The mass must move the reading by at least this many counts (default ${DEFAULT-VALUE}).")
    long minSpanCounts;
    @Option(names = "--interval-ms", defaultValue = "100", description = "Pause between readings (default ${DEFAULT-VALUE} ms).")
    long intervalMs;
    @Option(names = "--wait-seconds", defaultValue = "30",
            description = "How long to wait for a stable reading, or for the mass (default ${DEFAULT-VALUE} s).")
    long waitSeconds;

    public CalibrateCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        KioskConfig kiosk = loadConfig(config.file);
        Prompter prompter = env.prompter();
        int grams = referenceGrams != null ? referenceGrams
                : parseGrams(prompter.ask("Reference mass in grams", "--reference-grams", Optional.empty()));
        if (grams < 100 || grams > 100_000) {
            throw ProvisionException.usage("--reference-grams must be between 100 and 100000 g, was " + grams);
        }
        double tolerance = toleranceGrams != null ? toleranceGrams : Math.max(2.0, grams * 0.005);
        if (samples < 2 || bandCounts < 0 || minSpanCounts < 1 || waitSeconds < 0 || intervalMs < 0) {
            throw ProvisionException.usage("--samples must be at least 2; --band-counts, --min-span-counts,"
                    + " --wait-seconds and --interval-ms must not be negative");
        }
        LoadCellSampler.Settings settings = new LoadCellSampler.Settings(samples, bandCounts,
                Duration.ofMillis(intervalMs), Duration.ofSeconds(waitSeconds));
        Calibration calibration;
        try (ToolHardware hardware = env.hardware().open(kiosk)) {
            if (hardware.scaleKind() == ToolHardware.ScaleKind.GRAMS) {
                throw ProvisionException.local("this kiosk's scale (hardware.scale.type="
                        + kiosk.source().string("hardware.scale.type", "?") + ") reports grams by itself: it is"
                        + " calibrated with its own terminal's procedure, not with this tool.");
            }
            Calibrator calibrator = new Calibrator(new LoadCellSampler(hardware.loadCell(), settings),
                    new Calibrator.Steps() {
                        @Override
                        public void emptyScale() {
                            instruct(prompter, "Take everything off the scale platform (the empty bin stays in place).");
                            hardware.perform(Instruction.emptyScale());
                        }

                        @Override
                        public void placeMass(int g) {
                            instruct(prompter, "Place the " + g + " g reference mass in the middle of the platform.");
                            hardware.perform(Instruction.placeMass(g));
                        }

                        @Override
                        public void progress(String line) {
                            say("  " + line);
                        }
                    });
            calibration = calibrator.run(grams, tolerance, minSpanCounts, OffsetDateTime.now(env.clock()));
            CalibrationFile file = new CalibrationFile(kiosk.calibrationFile());
            try {
                file.write(calibration);
                FileOwner.apply(ownerOption.resolve(), file.path());
            } catch (IOException e) {
                throw ProvisionException.local("cannot save the calibration to " + file.path() + ": " + e.getMessage());
            }
            say(String.format(Locale.ROOT, "Calibration saved to %s: offset %d counts, %.4f counts per gram, dated %s.",
                    file.path(), calibration.offsetCounts(), calibration.countsPerGram(),
                    Timestamps.format(calibration.calibratedAt())));
            hardware.perform(Instruction.emptyScale());
        }
        say("Take the reference mass off, then restart the agent so deposits carry the new calibratedAt.");
        return ExitCodes.OK;
    }

    private void instruct(Prompter prompter, String instruction) {
        if (prompter.interactive()) {
            prompter.waitForEnter(instruction);
        } else {
            say(instruction + " (waiting up to " + waitSeconds + " s for a steady reading)");
        }
    }

    private static int parseGrams(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ProvisionException.usage("--reference-grams must be a whole number of grams, was '" + text + "'");
        }
    }
}

package org.carbonkiosk.provisioning.cli;

import org.carbonkiosk.provisioning.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: {@code kiosk-provision <command>}. */
@Command(name = "kiosk-provision", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"The field technician's tool for Carbon Kiosk: keys, enrollment, calibration, self-test,",
            "service cards.",
            "Step by step: docs/field-guide.md. Every command has --help."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Success.", "1:self-test: at least one check failed.", "2:A flag is missing or invalid.",
            "3:Kiosk not in the state needed (already/not initialised, insecure file).",
            "4:Collector unreachable.", "5:Wrong technician token (401/403).",
            "6:Device id already enrolled with another key (409).",
            "7:Hardware: scale not responding, unstable readings, no card.", "8:Other collector error.",
            "9:Internal error.", "10:Aborted at a confirmation."})
public final class ProvisionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed, e.g. 'init'; see --help");
    }

    static int usage() {
        return ExitCodes.USAGE;
    }
}

package org.carbonkiosk.provisioning.enroll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.carbonkiosk.client.EnrollmentRequest;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.CollectorOptions;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code import}: sends an offline enrollment file to the collector (run where the collector is reachable). */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Send an offline enrollment file to the collector.",
        description = {"Sends an enrollment file written by 'enroll --offline' to the collector. Runs on any machine",
            "that reaches the collector; needs no kiosk configuration. Safe to run again."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Enrolled (or already enrolled with this key).", "2:A value is missing.",
            "3:The file cannot be read or is not an enrollment file.", "4:Collector unreachable.",
            "5:Wrong technician token.", "6:The id is enrolled with another key (409).", "8:Other collector error."})
public final class ImportCommand extends ToolCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The enrollment file.")
    Path file;
    @Mixin
    CollectorOptions collectorOptions;

    public ImportCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ProvisionException.local("cannot read the enrollment file " + file + ": " + e.getMessage());
        }
        DecodeResult<EnrollmentRequest> parsed = EnrollmentRequest.parse(content);
        if (parsed instanceof DecodeResult.Malformed<EnrollmentRequest> m) {
            throw ProvisionException.local(file + " is not a valid enrollment file (" + m.detail()
                    + "). Write it again on the kiosk with 'enroll --offline FILE'.");
        }
        EnrollmentRequest request = parsed.value();
        say("Importing " + request.deviceId() + " (" + request.kioskType() + ", key version " + request.keyVersion()
                + ", " + request.location() + ").");
        var base = collectorUrl(collectorOptions.url, Optional.empty());
        say(new Registrar(collector(base, Optional.of(token(collectorOptions.token)))).enroll(request));
        return ExitCodes.OK;
    }

}

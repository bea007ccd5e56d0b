package org.carbonkiosk.provisioning.enroll;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.SecureFiles;
import org.carbonkiosk.client.EnrollmentRequest;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.CollectorOptions;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enroll}: registers this kiosk's public key with the collector, or writes it to a file for later. */
@Command(name = "enroll", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Register this kiosk's public key with the collector (or write a file for later).",
        description = {"Registers this kiosk's public key with the collector (POST /api/devices) using a technician",
            "token. With --offline FILE, writes an enrollment file instead (public data only) that an operator",
            "sends later with 'import FILE' from a machine that reaches the collector. Safe to run again."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Enrolled (or already enrolled with this key), or file written.", "2:A value is missing.",
            "3:Kiosk not initialised, or a key file is not 0600.", "4:Collector unreachable.",
            "5:Wrong technician token.", "6:The id is enrolled with another key (409).", "8:Other collector error."})
public final class EnrollCommand extends ToolCommand {
    @Mixin
    ConfigOption config;
    @Mixin
    CollectorOptions collectorOptions;
    @Option(names = "--location", paramLabel = "TEXT", description = "Where the kiosk stands (default: provisioning.location).")
    String location;
    @Option(names = "--offline", paramLabel = "FILE", description = "Write the enrollment to FILE instead of sending it.")
    Path offlineFile;

    public EnrollCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        KioskConfig kiosk = loadConfig(config.file);
        DeviceKeyStore.SigningKey key = activeKey(kiosk);
        String where = location != null ? location : kiosk.location()
                .orElseGet(() -> env.prompter().ask("Kiosk location (street, landmark)", "--location", Optional.empty()));
        if (where.isBlank()) {
            throw ProvisionException.usage("--location must not be empty: the operator needs to find the kiosk");
        }
        EnrollmentRequest request = new EnrollmentRequest(kiosk.deviceId(), kiosk.kioskType(),
                key.keyPair().publicJwk(), key.keyVersion(), where.strip(), kiosk.scaleMode());
        if (offlineFile != null) {
            try {
                SecureFiles.writeAtomically(offlineFile, request.toJson());
            } catch (IOException e) {
                throw ProvisionException.local("cannot write the enrollment file " + offlineFile + ": " + e.getMessage());
            }
            say("Enrollment file written: " + offlineFile.toAbsolutePath() + " (public key only, no secrets).");
            say("On a machine that reaches the collector, run:");
            say("  java -jar kiosk-provision.jar import " + offlineFile.getFileName() + " --collector <URL>");
            say("Do not start the agent before the import is done: the collector rejects events from a device"
                    + " it does not know (unknown-device).");
            return ExitCodes.OK;
        }
        var base = collectorUrl(collectorOptions.url, Optional.of(kiosk));
        String secret = token(collectorOptions.token);
        say(new Registrar(collector(base, Optional.of(secret))).enroll(request));
        return ExitCodes.OK;
    }

    private DeviceKeyStore.SigningKey activeKey(KioskConfig kiosk) {
        try {
            DeviceKeyStore store = new DeviceKeyStore(kiosk.identityDir());
            if (store.pending().isPresent()) {
                say("Note: a key rotation was interrupted on this kiosk; after enrolling, run 'rotate-key' to finish it.");
            }
            return store.active().orElseThrow(() -> ProvisionException.local(
                    "no device key in " + kiosk.identityDir() + ": run 'init' first."));
        } catch (SecureFiles.InsecureFileException e) {
            throw ProvisionException.local(e.getMessage());
        } catch (IOException e) {
            throw ProvisionException.local("cannot read the device key in " + kiosk.identityDir() + ": " + e.getMessage());
        }
    }
}

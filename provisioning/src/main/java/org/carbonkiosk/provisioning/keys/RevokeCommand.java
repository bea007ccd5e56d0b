package org.carbonkiosk.provisioning.keys;

import java.nio.file.Files;
import java.util.Optional;
import org.carbonkiosk.client.CollectorAnswer;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.CollectorOptions;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import org.carbonkiosk.provisioning.http.CollectorClient;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code revoke}: the collector rejects the device's events from now on. Asks first. */
@Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Revoke a device at the collector (stolen or scrapped kiosk).",
        description = {"Revokes a device at the collector (POST /api/devices/<id>/revoke): its later events are",
            "rejected as revoked-device. For a stolen or scrapped kiosk. Asks for confirmation (or --yes).",
            "Works from any machine: --device-id and --collector replace the kiosk's configuration."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Revoked.", "2:A value or the confirmation (--yes) is missing.", "4:Collector unreachable.",
            "5:Wrong technician token.", "8:Other collector error (e.g. unknown device).", "10:Not confirmed."})
public final class RevokeCommand extends ToolCommand {
    @Mixin
    ConfigOption config;
    @Option(names = "--device-id", paramLabel = "ID", description = "Device to revoke (default: this kiosk's device.id).")
    String deviceId;
    @Mixin
    CollectorOptions collectorOptions;
    @Option(names = "--yes", description = "Confirm without asking (for scripts).")
    boolean yes;

    public RevokeCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        boolean standalone = deviceId != null && collectorOptions.url != null; // e.g. from the office for a stolen kiosk
        Optional<KioskConfig> kiosk = !standalone && Files.exists(config.file)
                ? Optional.of(loadConfig(config.file)) : Optional.empty();
        String id = deviceId != null ? deviceId.strip() : kiosk.map(KioskConfig::deviceId)
                .orElseGet(() -> env.prompter().ask("Device id to revoke", "--device-id", Optional.empty()).strip());
        if (!DeviceId.isValid(id)) {
            throw ProvisionException.usage("--device-id '" + id + "' is not a valid device id");
        }
        var base = collectorUrl(collectorOptions.url, kiosk);
        String secret = token(collectorOptions.token);
        if (!yes && !env.prompter().confirm("Revoke " + id + " at " + base + "? Its events will be rejected from now"
                + " on; only a new enrollment brings it back", "--yes")) {
            throw new ProvisionException(ExitCodes.ABORTED, "not confirmed: " + id + " was not revoked.");
        }
        CollectorClient client = collector(base, Optional.of(secret));
        CollectorAnswer answer = client.revoke(id);
        Logger.info("revoke deviceId={}: HTTP {}", id, answer.status());
        if (answer.status() == 404) {
            throw new ProvisionException(ExitCodes.COLLECTOR_ERROR, "the collector at " + base + " does not know device "
                    + id + " (HTTP 404): check the id.");
        }
        if (!answer.ok()) {
            throw CollectorClient.unexpected(answer, "revocation of " + id, base);
        }
        say("Revoked " + id + " at " + base + ": its events are now rejected (revoked-device).");
        return ExitCodes.OK;
    }
}

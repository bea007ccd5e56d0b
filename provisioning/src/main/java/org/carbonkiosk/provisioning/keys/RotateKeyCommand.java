package org.carbonkiosk.provisioning.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.SecureFiles;
import org.carbonkiosk.client.CollectorAnswer;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.FileOwner;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.CollectorOptions;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.OwnerOption;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import org.carbonkiosk.provisioning.http.CollectorClient;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rotate-key}: a new key version is created as pending, registered with the collector,
 * and only then made active. An interruption anywhere is finished by running it again: a pending
 * key is always reused, never discarded, because the collector may already have registered it
 * (registering the same key again is accepted; a different key under that version would be refused).
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Replace the signing key by a new version (safe to re-run).",
        description = {"Creates the next key version on this kiosk, registers it with the collector",
            "(POST /api/devices/<id>/keys), then makes it active. The old key stays valid at the collector for",
            "events signed before. If interrupted, run it again: it finishes the same rotation."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:New key version active.", "2:A value is missing.", "3:Kiosk not initialised or insecure key file.",
            "4:Collector unreachable (run again later).", "5:Wrong technician token.",
            "6:The collector has this key version with another key (409).", "8:Other collector error."})
public final class RotateKeyCommand extends ToolCommand {
    @Mixin
    ConfigOption config;
    @Mixin
    OwnerOption ownerOption;
    @Mixin
    CollectorOptions collectorOptions;

    public RotateKeyCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        KioskConfig kiosk = loadConfig(config.file);
        var base = collectorUrl(collectorOptions.url, Optional.of(kiosk));
        String secret = token(collectorOptions.token);
        DeviceKeyStore store = new DeviceKeyStore(kiosk.identityDir());
        DeviceKeyStore.SigningKey pending;
        try {
            int active = store.activeVersion().orElseThrow(() -> ProvisionException.local(
                    "no device key in " + kiosk.identityDir() + ": run 'init' first."));
            Optional<DeviceKeyStore.SigningKey> leftover = store.pending();
            if (leftover.isPresent()) {
                pending = leftover.get();
                say("Found key version " + pending.keyVersion() + " from an interrupted rotation: finishing it.");
            } else {
                pending = store.createPending();
                say("Created key version " + pending.keyVersion() + " (pending; version " + active + " still signs).");
            }
            FileOwner.apply(ownerOption.resolve(), store.keyFiles().toArray(new java.nio.file.Path[0]));
        } catch (SecureFiles.InsecureFileException e) {
            throw ProvisionException.local(e.getMessage());
        } catch (IOException e) {
            throw ProvisionException.local("cannot read or write the keys in " + kiosk.identityDir() + ": " + e.getMessage());
        }

        CollectorClient client = collector(base, Optional.of(secret));
        ObjectNode body = StrictJson.newObject();
        body.set("publicKey", pending.keyPair().publicJwk().toJson());
        body.put("keyVersion", pending.keyVersion());
        String path = "/api/devices/" + kiosk.deviceId() + "/keys";
        CollectorAnswer answer = client.post(path, StrictJson.write(body));
        Logger.info("rotate-key deviceId={} keyVersion={}: HTTP {}", kiosk.deviceId(), pending.keyVersion(), answer.status());
        if (answer.status() == 404) {
            throw new ProvisionException(ExitCodes.COLLECTOR_ERROR, "the collector at " + base + " does not know device "
                    + kiosk.deviceId() + " (HTTP 404): enroll it first. The pending key is kept for the next rotate-key.");
        }
        if (answer.status() == 409) {
            String code = answer.errorCode().orElse("");
            String why = switch (code) {
                case "device-revoked" -> kiosk.deviceId() + " is revoked at the collector: a revoked kiosk cannot"
                        + " get a new key. Ask the operator; it must be enrolled again under a new registration.";
                case "key-version-old" -> "the collector already has a newer key version for " + kiosk.deviceId()
                        + " than this kiosk (" + answer.errorText() + "): this kiosk's identity folder is older than"
                        + " its registration. Ask the operator.";
                default -> "the collector already has key version " + pending.keyVersion() + " of "
                        + kiosk.deviceId() + " with a different key (" + answer.errorText() + "). Ask the operator.";
            };
            throw new ProvisionException(ExitCodes.CONFLICT, why + " Nothing was activated here: version "
                    + (pending.keyVersion() - 1) + " still signs.");
        }
        if (!answer.ok()) {
            throw CollectorClient.unexpected(answer, "key rotation of " + kiosk.deviceId(), base);
        }
        try {
            store.activatePending();
        } catch (IOException e) {
            throw ProvisionException.local("the collector registered key version " + pending.keyVersion()
                    + " but it could not be activated here (" + e.getMessage() + "). Run rotate-key again.");
        }
        say("Key version " + pending.keyVersion() + " registered at " + base + " and active on this kiosk.");
        say("Restart the agent so it signs with the new key (e.g. systemctl restart kiosk-agent).");
        return ExitCodes.OK;
    }
}

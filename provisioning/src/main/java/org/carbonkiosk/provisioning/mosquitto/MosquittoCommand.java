package org.carbonkiosk.provisioning.mosquitto;

import java.util.List;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mosquitto}: the broker's password-file entry and ACL lines for this kiosk (and the collector). */
@Command(name = "mosquitto", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print the Mosquitto password entry and ACL lines for this kiosk.",
        description = {"Prints this kiosk's Mosquitto password-file entry (PBKDF2-SHA512, as mosquitto_passwd writes it)",
            "and the ACL lines that let it publish and read only under kiosk/v1/<id>/, plus the collector's ACL.",
            "Give them to whoever runs the broker. The MQTT password itself is never printed.",
            "With --only PART, that part alone, without comments, to append to the broker's files."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Printed.", "2:A value is missing.", "3:Kiosk not initialised."})
public final class MosquittoCommand extends ToolCommand {
    @Mixin
    ConfigOption config;
    @Option(names = "--collector-user", paramLabel = "NAME", defaultValue = "collector",
            description = "The collector's MQTT user name in the ACL (default ${DEFAULT-VALUE}).")
    String collectorUser;
    @Option(names = "--only", paramLabel = "PART",
            description = "Print only this part, without comments: password (the password-file line), acl (this"
                    + " kiosk's ACL lines) or collector (the collector's ACL lines). Default: everything, explained.")
    Part only;

    /** What {@code --only} selects. */
    enum Part { PASSWORD, ACL, COLLECTOR }

    public MosquittoCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        if (only == Part.COLLECTOR) {
            collectorAcl(collectorUser).forEach(this::say);
            return ExitCodes.OK;
        }
        KioskConfig kiosk = loadConfig(config.file);
        String password = kiosk.mqttPassword().orElseThrow(() -> ProvisionException.local(kiosk.file()
                + " has no mqtt.password: run init again, or set mqtt.password there first."));
        if (kiosk.mqttUsername().contains(":") || kiosk.mqttUsername().isBlank()) {
            throw ProvisionException.local("mqtt.username '" + kiosk.mqttUsername() + "' cannot be used in a Mosquitto"
                    + " password file (no ':' allowed)");
        }
        String passwordLine = kiosk.mqttUsername() + ":" + MosquittoPassword.hash(password.toCharArray());
        if (only == Part.PASSWORD) {
            say(passwordLine);
            return ExitCodes.OK;
        }
        if (only == Part.ACL) {
            say("# kiosk " + kiosk.deviceId());
            deviceAcl(kiosk.mqttUsername(), kiosk.deviceId()).forEach(this::say);
            say("");
            return ExitCodes.OK;
        }
        say("# Mosquitto password file (e.g. /etc/mosquitto/passwd): add or replace this line");
        say(passwordLine);
        say("");
        say("# Mosquitto ACL file (e.g. /etc/mosquitto/acl): kiosk " + kiosk.deviceId());
        deviceAcl(kiosk.mqttUsername(), kiosk.deviceId()).forEach(this::say);
        say("");
        say("# Once per broker: the collector (shared subscription $share/collectors/kiosk/v1/+/event)");
        collectorAcl(collectorUser).forEach(this::say);
        say("");
        say("# mosquitto.conf needs: allow_anonymous false, password_file <file>, acl_file <file>;"
                + " then reload: systemctl reload mosquitto");
        return ExitCodes.OK;
    }

    /** The device may write its event, status and telemetry and read its receipt and status; nothing else. */
    public static List<String> deviceAcl(String username, String deviceId) {
        return List.of("user " + username,
                "topic write " + Topics.event(deviceId),
                "topic readwrite " + Topics.status(deviceId),
                "topic write " + Topics.telemetry(deviceId),
                "topic read " + Topics.receipt(deviceId));
    }

    public static List<String> collectorAcl(String username) {
        return List.of("user " + username,
                "topic read " + Topics.ALL_EVENTS,
                "topic read " + Topics.SHARED_EVENT_SUBSCRIPTION,
                "topic write " + Topics.PREFIX + "+/receipt",
                "topic read " + Topics.ALL_STATUS,
                "topic read " + Topics.ALL_TELEMETRY);
    }
}

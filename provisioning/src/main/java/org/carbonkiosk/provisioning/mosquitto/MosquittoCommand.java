package org.carbonkiosk.provisioning.mosquitto;

import java.util.ArrayList;
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

/**
 * {@code mosquitto}: the broker's password-file entries, ACL lines and mosquitto.conf security
 * settings for this kiosk (and the collector). The broker takes each client's user name as its
 * client id ({@code use_username_as_clientid}), so a kiosk's credentials can never take over
 * another kiosk's connection; each connection therefore has a user of its own: the kiosk
 * ({@code <user>}), its self-test ({@code <user>-selftest}, same password and ACL), the
 * collector's event connection ({@code <collector>}) and its receipt connection
 * ({@code <collector>-out}). See docs/decisions.md.
 */
@Command(name = "mosquitto", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print the Mosquitto password entries, ACL lines and settings for this kiosk.",
        description = {"Prints this kiosk's Mosquitto password-file entries (PBKDF2-SHA512, as mosquitto_passwd"
            + " writes it) for its user and its self-test user <user>-selftest, the ACL lines that let them",
            "publish and read only under kiosk/v1/<id>/, the collector's ACL (users <collector> and <collector>-out)",
            "and the mosquitto.conf settings they rely on (use_username_as_clientid: no client can take over another",
            "kiosk's client id). Give them to whoever runs the broker. The MQTT password itself is never printed.",
            "With --only PART, that part alone, without comments, to append to the broker's files."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Printed.", "2:A value is missing.", "3:Kiosk not initialised."})
public final class MosquittoCommand extends ToolCommand {
    /** The collector's receipt connection connects as {@code <collector user>-out} (collector OutboundConnection). */
    static final String COLLECTOR_RECEIPT_SUFFIX = "-out";
    @Mixin
    ConfigOption config;
    @Option(names = "--collector-user", paramLabel = "NAME", defaultValue = "collector",
            description = "The collector's MQTT user name in the ACL (default ${DEFAULT-VALUE}); its receipt"
                    + " connection is NAME-out.")
    String collectorUser;
    @Option(names = "--only", paramLabel = "PART",
            description = "Print only this part, without comments: password (the password-file lines), acl (this"
                    + " kiosk's ACL lines), collector (the collector's ACL lines) or conf (the mosquitto.conf"
                    + " security settings). Default: everything, explained.")
    Part only;

    /** What {@code --only} selects. */
    enum Part { PASSWORD, ACL, COLLECTOR, CONF }

    public MosquittoCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        if (only == Part.COLLECTOR) {
            collectorAcl(collectorUser).forEach(this::say);
            return ExitCodes.OK;
        }
        if (only == Part.CONF) {
            brokerConf().forEach(this::say);
            return ExitCodes.OK;
        }
        KioskConfig kiosk = loadConfig(config.file);
        String password = kiosk.mqttPassword().orElseThrow(() -> ProvisionException.local(kiosk.file()
                + " has no mqtt.password: run init again, or set mqtt.password there first."));
        if (kiosk.mqttUsername().contains(":") || kiosk.mqttUsername().isBlank()) {
            throw ProvisionException.local("mqtt.username '" + kiosk.mqttUsername() + "' cannot be used in a Mosquitto"
                    + " password file (no ':' allowed)");
        }
        List<String> passwordLines = List.of(passwordLine(kiosk.mqttUsername(), password),
                passwordLine(kiosk.mqttSelfTestUsername(), password));
        if (only == Part.PASSWORD) {
            passwordLines.forEach(this::say);
            return ExitCodes.OK;
        }
        if (only == Part.ACL) {
            say("# kiosk " + kiosk.deviceId());
            kioskAcl(kiosk).forEach(this::say);
            say("");
            return ExitCodes.OK;
        }
        say("# Mosquitto password file (e.g. /etc/mosquitto/kiosk/passwd): add or replace these lines");
        say("# (the kiosk, and its self-test with the same password)");
        passwordLines.forEach(this::say);
        say("");
        say("# Mosquitto ACL file (e.g. /etc/mosquitto/kiosk/acl): kiosk " + kiosk.deviceId());
        kioskAcl(kiosk).forEach(this::say);
        say("");
        say("# Once per collector: its event connection (shared subscription $share/collectors/kiosk/v1/+/event;");
        say("# it clears a retained event) and its receipt connection. Passwords: mosquitto_passwd, the same for both.");
        collectorAcl(collectorUser).forEach(this::say);
        say("");
        say("# mosquitto.conf (deploy/mosquitto/mosquitto.conf has them); then: systemctl reload mosquitto");
        brokerConf().forEach(this::say);
        return ExitCodes.OK;
    }

    private static String passwordLine(String username, String password) {
        return username + ":" + MosquittoPassword.hash(password.toCharArray());
    }

    private static List<String> kioskAcl(KioskConfig kiosk) {
        List<String> lines = new ArrayList<>(deviceAcl(kiosk.mqttUsername(), kiosk.deviceId()));
        lines.add("");
        lines.addAll(deviceAcl(kiosk.mqttSelfTestUsername(), kiosk.deviceId()));
        return lines;
    }

    /** The device may write its event, status and telemetry and read its receipt and status; nothing else. */
    public static List<String> deviceAcl(String username, String deviceId) {
        return List.of("user " + username,
                "topic write " + Topics.event(deviceId),
                "topic readwrite " + Topics.status(deviceId),
                "topic write " + Topics.telemetry(deviceId),
                "topic read " + Topics.receipt(deviceId));
    }

    /**
     * The event connection reads events (shared subscription) and may write them only to clear a
     * retained copy (an empty retained message); the receipt connection writes receipts and reads
     * status and telemetry.
     */
    public static List<String> collectorAcl(String username) {
        return List.of("user " + username,
                "topic readwrite " + Topics.ALL_EVENTS,
                "topic read " + Topics.SHARED_EVENT_SUBSCRIPTION,
                "",
                "user " + username + COLLECTOR_RECEIPT_SUFFIX,
                "topic write " + Topics.PREFIX + "+/receipt",
                "topic read " + Topics.ALL_STATUS,
                "topic read " + Topics.ALL_TELEMETRY);
    }

    /**
     * The security settings the files above rely on (deploy/mosquitto/mosquitto.conf has them).
     * {@code use_username_as_clientid} is a listener setting: before any {@code listener} line it
     * would open a default listener on port 1883.
     */
    public static List<String> brokerConf() {
        return List.of("per_listener_settings false",
                "allow_anonymous false",
                "password_file /etc/mosquitto/kiosk/passwd",
                "acl_file /etc/mosquitto/kiosk/acl",
                "allow_zero_length_clientid false",
                "check_retain_source true",
                "# in the section of every listener, after its 'listener' line:",
                "use_username_as_clientid true");
    }
}

package org.carbonkiosk.provisioning.init;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.cli.ConfigOption;
import org.carbonkiosk.provisioning.cli.Environment;
import org.carbonkiosk.provisioning.cli.OwnerOption;
import org.carbonkiosk.provisioning.cli.ToolCommand;
import org.carbonkiosk.provisioning.http.CollectorClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code init}: the kiosk's key pair, fleet card key and agent.properties, written safely. */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Create this kiosk's key pair, install the fleet card key, write agent.properties.",
        description = {"Creates this kiosk's Ed25519 key pair (on this device; the private key is never shown or sent),",
            "installs the fleet card key and writes agent.properties (mode 0600).",
            "Asks for any value not given as a flag when a terminal is attached."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Initialised.", "2:A value is missing or invalid (the message names the flag).",
            "3:Already initialised (use --force), or a file could not be written."})
public final class InitCommand extends ToolCommand {
    public static final String MQTT_PASSWORD_VARIABLE = "KIOSK_MQTT_PASSWORD";

    @Mixin
    ConfigOption config;
    @Mixin
    OwnerOption ownerOption;
    @Option(names = "--device-id", paramLabel = "ID", description = "Device id, e.g. WH-HS-0001 (capitals, digits, '-').")
    String deviceId;
    @Option(names = "--kiosk-type", paramLabel = "TYPE", description = "recycling-box or claw-kiosk.")
    String kioskType;
    @Option(names = "--scale-mode", paramLabel = "MODE",
            description = "bin (the scale weighs the whole bin) or tray (only a tray); default: bin for a recycling box,"
                    + " tray for a claw kiosk.")
    String scaleMode;
    @Option(names = "--identity-dir", paramLabel = "DIR", description = "Keys and calibration (default /etc/kiosk).")
    Path identityDir;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "The agent's outbox (default /var/lib/kiosk).")
    Path dataDir;
    @Option(names = "--mqtt-url", paramLabel = "URL", description = "Broker, tcp://host:1883 or ssl://host:8883.")
    String mqttUrl;
    @Option(names = "--mqtt-username", paramLabel = "NAME", description = "MQTT user (default: the device id).")
    String mqttUsername;
    @Option(names = "--mqtt-password", paramLabel = "PASSWORD",
            description = "MQTT password (better: $" + MQTT_PASSWORD_VARIABLE + ", or --generate-mqtt-password).")
    String mqttPassword;
    @Option(names = "--generate-mqtt-password", description = "Generate a strong random MQTT password.")
    boolean generatePassword;
    @Option(names = "--mqtt-ca-file", paramLabel = "FILE", description = "CA certificate (PEM) for ssl:// brokers.")
    Path caFile;
    @Option(names = "--mqtt-client-cert-file", paramLabel = "FILE", description = "Client certificate (PEM).")
    Path clientCertFile;
    @Option(names = "--mqtt-client-key-file", paramLabel = "FILE", description = "Client private key (PEM).")
    Path clientKeyFile;
    @Option(names = "--hardware-type", paramLabel = "TYPE", description = "pi (real drivers) or simulated.")
    String hardwareType;
    @Option(names = {"-H", "--hardware"}, paramLabel = "KEY=VALUE",
            description = "A hardware mapping key, repeatable, e.g. -H hardware.scale.type=hx711 (keys: docs/hardware.md).")
    Map<String, String> hardware = new TreeMap<>();
    @Option(names = "--card-key-file", paramLabel = "FILE", description = "File holding the fleet card key (64 hex characters).")
    Path cardKeyFile;
    @Option(names = "--card-key-hex", paramLabel = "HEX", description = "The fleet card key as 64 hex characters.")
    String cardKeyHex;
    @Option(names = "--collector", paramLabel = "URL", description = "Collector URL, kept for enroll and self-test.")
    String collectorUrl;
    @Option(names = "--location", paramLabel = "TEXT", description = "Where the kiosk stands, kept for enroll.")
    String location;
    @Option(names = "--force", description = "Replace an existing identity (old files are kept aside).")
    boolean force;

    public InitCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException {
        InitPlan plan = plan();
        DeviceKeyStore.SigningKey key = new KioskInitializer(env.clock(), env.initObserver()).run(plan);
        say("Initialised kiosk " + plan.properties().get(KioskConfig.DEVICE_ID) + ".");
        say("  configuration: " + plan.configFile() + " (0600)");
        say("  device key:    " + plan.identityDir().resolve("device-key-1.pem") + " (0600, never leaves this kiosk)");
        say("  card key:      " + plan.identityDir().resolve("card.key") + " (0600)");
        say("  public key:    " + key.keyPair().publicJwk().x());
        say("Next: 'enroll' (or 'enroll --offline FILE'), then 'calibrate', then 'self-test'.");
        return ExitCodes.OK;
    }

    private InitPlan plan() throws IOException {
        var prompter = env.prompter();
        String id = value(deviceId, "Device id (e.g. WH-HS-0001)", "--device-id", Optional.empty(), InitCommand::validDeviceId);
        String type = choice(kioskType, "Kiosk type", "--kiosk-type", "recycling-box", KioskConfig.KIOSK_TYPES);
        String scale = scaleMode == null ? ScaleMode.defaultFor(type).wire()
                : choice(scaleMode, "Scale mode", "--scale-mode", null, KioskConfig.SCALE_MODES);
        Path identity = identityDir != null ? identityDir
                : Path.of(prompter.ask("Identity folder", "--identity-dir", Optional.of("/etc/kiosk")));
        KioskInitializer.refuseExisting(config.file.toAbsolutePath(), identity.toAbsolutePath().normalize(), force);
        Path data = dataDir != null ? dataDir
                : Path.of(prompter.ask("Data folder", "--data-dir", Optional.of("/var/lib/kiosk")));
        String broker = value(mqttUrl, "MQTT broker URL", "--mqtt-url", Optional.of("tcp://localhost:1883"),
                InitCommand::validMqttUrl);
        String user = mqttUsername != null ? mqttUsername
                : prompter.interactive() ? prompter.ask("MQTT username", "--mqtt-username", Optional.of(id)) : id;
        String password = mqttPassword();
        String hw = choice(hardwareType, "Hardware type", "--hardware-type", null, KioskConfig.HARDWARE_TYPES);
        if (hw.equals("pi") && prompter.interactive()) {
            askPart("hardware.scale.type", "Scale", "hx711", "hx711, nau7802, mtsics, opcua");
            askPart("hardware.cardReader.type", "Card reader", "mfrc522", "mfrc522, keyboard, opcua");
            askPart("hardware.io.type", "Door, bin and coin lines", "gpio", "gpio, opcua");
        }
        byte[] cardKey = cardKey();
        Optional<String> collector = optionalAsk(collectorUrl, "Collector URL for enroll (Enter to skip)");
        collector.ifPresent(c -> CollectorClient.parseBaseUrl(c, "--collector"));
        Optional<String> where = optionalAsk(location, "Kiosk location (Enter to skip)");

        SortedMap<String, String> p = new TreeMap<>();
        p.put(KioskConfig.DEVICE_ID, id);
        p.put(KioskConfig.KIOSK_TYPE, type);
        p.put(KioskConfig.SCALE_MODE, scale);
        p.put(KioskConfig.IDENTITY_DIR, identity.toAbsolutePath().normalize().toString());
        p.put(KioskConfig.DATA_DIR, data.toAbsolutePath().normalize().toString());
        p.put(KioskConfig.MQTT_URL, broker.strip());
        p.put(KioskConfig.MQTT_USERNAME, user.strip());
        p.put(KioskConfig.MQTT_PASSWORD, password);
        putFile(p, KioskConfig.MQTT_CA_FILE, caFile, "--mqtt-ca-file");
        putFile(p, KioskConfig.MQTT_CLIENT_CERT_FILE, clientCertFile, "--mqtt-client-cert-file");
        putFile(p, KioskConfig.MQTT_CLIENT_KEY_FILE, clientKeyFile, "--mqtt-client-key-file");
        if ((clientCertFile == null) != (clientKeyFile == null)) {
            throw ProvisionException.usage("--mqtt-client-cert-file and --mqtt-client-key-file go together: give both or neither");
        }
        p.put(KioskConfig.HARDWARE_TYPE, hw);
        for (Map.Entry<String, String> e : hardware.entrySet()) {
            if (!e.getKey().startsWith("hardware.") || e.getKey().equals(KioskConfig.HARDWARE_TYPE)) {
                throw ProvisionException.usage("-H/--hardware takes hardware.* keys other than hardware.type (use"
                        + " --hardware-type), was '" + e.getKey() + "'");
            }
            p.put(e.getKey(), e.getValue());
        }
        collector.ifPresent(c -> p.put(KioskConfig.COLLECTOR_URL.name(), c.strip()));
        where.ifPresent(w -> p.put(KioskConfig.LOCATION.name(), w.strip()));
        return new InitPlan(config.file.toAbsolutePath(), identity.toAbsolutePath().normalize(),
                data.toAbsolutePath().normalize(), p, cardKey, force, ownerOption.resolve());
    }

    private String choice(String given, String question, String flag, String defaultValue, java.util.Set<String> allowed) {
        java.util.TreeSet<String> sorted = new java.util.TreeSet<>(allowed);
        return value(given, question + " " + sorted, flag, Optional.ofNullable(defaultValue), v -> {
            if (!allowed.contains(v)) {
                throw ProvisionException.usage(flag + " must be one of " + sorted + ", was '" + v + "'");
            }
            return v;
        });
    }

    /**
     * A flag's value, else the technician's answer, checked by {@code validate} (which returns the
     * value to keep or throws a usage error). A wrong flag fails at once; a wrong answer is
     * explained and asked again (three tries), so a typo does not throw away what was typed before.
     */
    private String value(String given, String question, String flag, Optional<String> defaultValue,
                         java.util.function.UnaryOperator<String> validate) {
        if (given != null) {
            return validate.apply(given.strip());
        }
        for (int attempt = 1; ; attempt++) {
            String answer = env.prompter().ask(question, flag, defaultValue).strip();
            try {
                return validate.apply(answer);
            } catch (ProvisionException e) {
                if (attempt >= 3) {
                    throw e;
                }
                say("  " + e.getMessage());
            }
        }
    }

    private static String validDeviceId(String id) {
        if (!DeviceId.isValid(id)) {
            String hint = DeviceId.isValid(id.toUpperCase()) ? " (did you mean " + id.toUpperCase() + "?)" : "";
            throw ProvisionException.usage("--device-id '" + id + "' is not a valid device id" + hint
                    + ": 3 to 32 characters, capital letters, digits and '-', starting with a letter or digit.");
        }
        return id;
    }

    /** Asks for one part's driver unless given with -H; pins and the rest keep the defaults of docs/hardware.md. */
    private void askPart(String key, String part, String defaultValue, String choices) {
        if (!hardware.containsKey(key)) {
            hardware.put(key, env.prompter().ask(part + " driver (" + choices + ")", "-H " + key + "=...",
                    Optional.of(defaultValue)).strip());
        }
    }

    private Optional<String> optionalAsk(String given, String question) {
        if (given != null) {
            return Optional.of(given).filter(s -> !s.isBlank());
        }
        if (!env.prompter().interactive()) {
            return Optional.empty();
        }
        return Optional.of(env.prompter().ask(question, "", Optional.empty())).filter(s -> !s.isBlank());
    }

    private String mqttPassword() {
        if (mqttPassword != null && generatePassword) {
            throw ProvisionException.usage("give --mqtt-password or --generate-mqtt-password, not both");
        }
        String chosen = mqttPassword != null ? mqttPassword : env.variables().get(MQTT_PASSWORD_VARIABLE);
        if (chosen == null && !generatePassword) {
            chosen = new String(env.prompter().askSecret("MQTT password (Enter to generate one)",
                    "--mqtt-password, $" + MQTT_PASSWORD_VARIABLE + " or --generate-mqtt-password"));
        }
        if (chosen == null || chosen.isEmpty()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        if (chosen.length() < 12) {
            throw ProvisionException.usage("the MQTT password (--mqtt-password) must be at least 12 characters;"
                    + " or use --generate-mqtt-password");
        }
        return chosen;
    }

    private byte[] cardKey() throws IOException {
        if (cardKeyFile != null && cardKeyHex != null) {
            throw ProvisionException.usage("give --card-key-file or --card-key-hex, not both");
        }
        if (cardKeyFile != null) {
            if (!Files.isReadable(cardKeyFile)) {
                throw ProvisionException.usage("--card-key-file " + cardKeyFile + " does not exist or cannot be read");
            }
            return parseCardKey(Files.readString(cardKeyFile, StandardCharsets.US_ASCII), "--card-key-file " + cardKeyFile);
        }
        if (cardKeyHex != null) {
            return parseCardKey(cardKeyHex, "--card-key-hex");
        }
        for (int attempt = 1; ; attempt++) {
            String typed = new String(env.prompter().askSecret("Fleet card key (64 hex characters)",
                    "--card-key-file or --card-key-hex"));
            try {
                return parseCardKey(typed, "the fleet card key");
            } catch (ProvisionException e) {
                if (attempt >= 3) {
                    throw e;
                }
                say("  " + e.getMessage());
            }
        }
    }

    private static byte[] parseCardKey(String text, String source) {
        String hex = text.strip().replace(" ", "").replace(":", "");
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw ProvisionException.usage(source + " must hold exactly 32 bytes as 64 hex characters (it had "
                    + hex.length() + " characters" + (hex.matches("[0-9a-fA-F]*") ? "" : ", some not hex") + ")");
        }
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    private static String validMqttUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!List.of("tcp", "ssl").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                throw ProvisionException.usage("--mqtt-url must look like tcp://host:1883 or ssl://host:8883, was '" + url + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw ProvisionException.usage("--mqtt-url is not a valid URL: '" + url + "'");
        }
    }

    private static void putFile(SortedMap<String, String> p, String key, Path file, String flag) {
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw ProvisionException.usage(flag + " " + file + " does not exist or cannot be read");
        }
        p.put(key, file.toAbsolutePath().normalize().toString());
    }

}

package org.carbonkiosk.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.carbonkiosk.agent.config.ConfigException;
import org.carbonkiosk.agent.config.ConfigSource;
import org.carbonkiosk.protocol.DeviceId;

/**
 * The kiosk's {@code agent.properties} as the tool reads it (the shared format of the working
 * agreement, plus the tool's own {@code provisioning.*} keys). Environment variables
 * {@code KIOSK_<KEY>} override the file, as for the agent.
 */
public record KioskConfig(Path file, ConfigSource source, String deviceId, String kioskType, Path identityDir,
                          Path dataDir, String mqttUrl, String mqttUsername, Optional<String> mqttPassword,
                          String hardwareType, Optional<String> collectorUrl, Optional<String> location) {

    public static final String DEVICE_ID = "device.id";
    public static final String KIOSK_TYPE = "kiosk.type";
    public static final String IDENTITY_DIR = "identity.dir";
    public static final String DATA_DIR = "data.dir";
    public static final String MQTT_URL = "mqtt.url";
    public static final String MQTT_USERNAME = "mqtt.username";
    public static final String MQTT_PASSWORD = "mqtt.password";
    public static final String MQTT_CA_FILE = "mqtt.caFile";
    public static final String MQTT_CLIENT_CERT_FILE = "mqtt.clientCertFile";
    public static final String MQTT_CLIENT_KEY_FILE = "mqtt.clientKeyFile";
    public static final String HARDWARE_TYPE = "hardware.type";
    /** The tool's own key: the collector's base URL for enroll, rotate-key, revoke, self-test. */
    public static final String COLLECTOR_URL = "provisioning.collectorUrl";
    /** The tool's own key: where the kiosk stands (sent at enrollment). */
    public static final String LOCATION = "provisioning.location";

    public static final Set<String> KIOSK_TYPES = Set.of("recycling-box", "claw-kiosk");
    public static final Set<String> HARDWARE_TYPES = Set.of("simulated", "pi");

    /** The default configuration file, unless {@code --config} or {@code KIOSK_CONFIG} says otherwise. */
    public static final String DEFAULT_FILE = "/etc/kiosk/agent.properties";

    public static KioskConfig load(Path file, Map<String, String> environment) {
        if (!Files.exists(file)) {
            throw ProvisionException.local("no kiosk configuration at " + file
                    + ": this kiosk is not initialised. Run 'init' first (or pass --config with the right file).");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw ProvisionException.local("cannot read " + file + ": " + e.getMessage());
        }
        ConfigSource source = new ConfigSource(properties, environment);
        try {
            String deviceId = source.string(DEVICE_ID);
            if (!DeviceId.isValid(deviceId)) {
                throw new ConfigException(DEVICE_ID, "is not a valid device id: '" + deviceId + "'");
            }
            return new KioskConfig(file, source, deviceId,
                    source.choice(KIOSK_TYPE, "recycling-box", KIOSK_TYPES),
                    source.path(IDENTITY_DIR, "/etc/kiosk"), source.path(DATA_DIR, "/var/lib/kiosk"),
                    source.string(MQTT_URL, "tcp://localhost:1883"), source.string(MQTT_USERNAME, deviceId),
                    source.optional(MQTT_PASSWORD), source.choice(HARDWARE_TYPE, "simulated", HARDWARE_TYPES),
                    source.optional(COLLECTOR_URL), source.optional(LOCATION));
        } catch (ConfigException e) {
            throw ProvisionException.local(file + ": " + e.getMessage());
        }
    }

    public boolean claw() {
        return kioskType.equals("claw-kiosk");
    }

    public Path cardKeyFile() {
        return identityDir.resolve("card.key");
    }

    public Path calibrationFile() {
        return identityDir.resolve("calibration.json");
    }

    public Optional<Path> optionalPath(String key) {
        return source.optional(key).map(Path::of);
    }

    /** Never shows the MQTT password. */
    @Override
    public String toString() {
        return "KioskConfig[" + file + ", deviceId=" + deviceId + ", kioskType=" + kioskType + ", mqttUrl=" + mqttUrl
                + ", hardware=" + hardwareType + "]";
    }
}

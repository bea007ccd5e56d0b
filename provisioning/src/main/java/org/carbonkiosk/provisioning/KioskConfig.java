package org.carbonkiosk.provisioning;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.agent.publish.MqttSettings;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.config.Key;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.provisioning.cli.Environment;

/**
 * The kiosk's {@code agent.properties} as the tool reads it: the agent's own keys, read by the
 * agent's code ({@link AgentConfig#DEVICE_ID} and the others, {@link MqttSettings#from}) so that
 * the tool and the agent cannot disagree on a value, plus the tool's own {@code provisioning.*}
 * keys. Environment variables {@code KIOSK_<KEY>} override the file, as for the agent.
 */
public record KioskConfig(Path file, ConfigSource source, String deviceId, String kioskType, Path identityDir,
                          Path dataDir, MqttSettings mqtt, String hardwareType, Optional<String> collectorUrl,
                          Optional<String> location) {

    public static final String DEVICE_ID = AgentConfig.DEVICE_ID.name();
    public static final String KIOSK_TYPE = AgentConfig.KIOSK_TYPE.name();
    public static final String SCALE_MODE = AgentConfig.SCALE_MODE.name();
    public static final String IDENTITY_DIR = AgentConfig.IDENTITY_DIR.name();
    public static final String DATA_DIR = AgentConfig.DATA_DIR.name();
    public static final String MQTT_URL = MqttSettings.URL.name();
    public static final String MQTT_USERNAME = MqttSettings.USERNAME.name();
    public static final String MQTT_PASSWORD = MqttSettings.PASSWORD.name();
    public static final String MQTT_CA_FILE = MqttSettings.CA_FILE.name();
    public static final String MQTT_CLIENT_CERT_FILE = MqttSettings.CLIENT_CERT_FILE.name();
    public static final String MQTT_CLIENT_KEY_FILE = MqttSettings.CLIENT_KEY_FILE.name();
    public static final String HARDWARE_TYPE = AgentConfig.HARDWARE_TYPE.name();
    /** The tool's own key: the collector's base URL for enroll, rotate-key, revoke, self-test. */
    public static final Key<String> COLLECTOR_URL = Key.string("provisioning.collectorUrl");
    /** The tool's own key: where the kiosk stands (sent at enrollment). */
    public static final Key<String> LOCATION = Key.string("provisioning.location");

    public static final Set<String> KIOSK_TYPES = AgentConfig.KIOSK_TYPES;
    public static final Set<String> HARDWARE_TYPES = AgentConfig.HARDWARE_TYPES;
    public static final Set<String> SCALE_MODES = AgentConfig.SCALE_MODES;

    /** The default configuration file, unless {@code --config} or {@code KIOSK_CONFIG} says otherwise. */
    public static final String DEFAULT_FILE = "/etc/kiosk/agent.properties";

    public static KioskConfig load(Path file, Map<String, String> environment) {
        if (!Files.exists(file)) {
            throw ProvisionException.local("no kiosk configuration at " + file
                    + ": this kiosk is not initialised. Run 'init' first (or pass --config with the right file).");
        }
        ConfigSource source;
        try {
            source = ConfigSource.load(file, environment);
        } catch (UncheckedIOException e) {
            throw ProvisionException.local("cannot read " + file + ": " + e.getCause().getMessage());
        }
        try {
            String deviceId = AgentConfig.deviceId(source);
            return new KioskConfig(file, source, deviceId, source.get(AgentConfig.KIOSK_TYPE),
                    source.get(AgentConfig.IDENTITY_DIR), source.get(AgentConfig.DATA_DIR),
                    MqttSettings.from(source, deviceId), source.get(AgentConfig.HARDWARE_TYPE),
                    source.find(COLLECTOR_URL), source.find(LOCATION));
        } catch (ConfigException e) {
            throw ProvisionException.local(file + ": " + e.getMessage());
        }
    }

    public boolean claw() {
        return kioskType.equals("claw-kiosk");
    }

    public String mqttUrl() {
        return mqtt.url();
    }

    public String mqttUsername() {
        return mqtt.username();
    }

    /**
     * The user self-test connects as (same password): the broker takes the user name as client
     * id, so self-test under the kiosk's own user would disconnect the running agent.
     */
    public String mqttSelfTestUsername() {
        return mqtt.username() + "-selftest";
    }

    public Optional<String> mqttPassword() {
        return mqtt.password();
    }

    public Path cardKeyFile() {
        return identityDir.resolve("card.key");
    }

    /** The service cards' tokens ({@code kiosk-provision service-card}). */
    public Path serviceCardsFile() {
        return ServiceCardsFile.in(identityDir).path();
    }

    /** {@code scale.mode}, read as the agent reads it. */
    public ScaleMode scaleMode() {
        try {
            return AgentConfig.scaleMode(source, kioskType);
        } catch (ConfigException e) {
            throw ProvisionException.local(file + ": " + e.getMessage());
        }
    }

    public Path calibrationFile() {
        return identityDir.resolve("calibration.json");
    }

    /** Never shows the MQTT password. */
    @Override
    public String toString() {
        return "KioskConfig[" + file + ", deviceId=" + deviceId + ", kioskType=" + kioskType + ", mqttUrl=" + mqttUrl()
                + ", hardware=" + hardwareType + "]";
    }
}

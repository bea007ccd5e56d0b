package org.carbonkiosk.agent.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.config.Key;

/**
 * The MQTT connection of a kiosk: {@code mqtt.*}. Read by the agent and by the provisioning
 * tool's self-test with the same {@link #from} so that both connect the same way: the client id
 * and the user name default to {@code device.id}. The password is hidden from {@link #toString()}.
 */
public record MqttSettings(String url, String clientId, String username, Optional<String> password,
                           Optional<Path> caFile, Optional<Path> clientCertFile, Optional<Path> clientKeyFile,
                           Duration keepAlive, Duration connectTimeout, Duration reconnectMin, Duration reconnectMax) {

    public static final Key<String> URL = Key.string("mqtt.url").defaultsTo("tcp://localhost:1883");
    public static final Key<String> CLIENT_ID = Key.string("mqtt.clientId");
    public static final Key<String> USERNAME = Key.string("mqtt.username");
    public static final Key<String> PASSWORD = Key.string("mqtt.password");
    public static final Key<Path> CA_FILE = Key.path("mqtt.caFile");
    public static final Key<Path> CLIENT_CERT_FILE = Key.path("mqtt.clientCertFile");
    public static final Key<Path> CLIENT_KEY_FILE = Key.path("mqtt.clientKeyFile");
    public static final Key<Duration> KEEP_ALIVE = Key.duration("mqtt.keepAliveS", ChronoUnit.SECONDS,
            Duration.ofSeconds(5), Duration.ofHours(1)).defaultsTo(Duration.ofSeconds(30));
    public static final Key<Duration> CONNECT_TIMEOUT = Key.duration("mqtt.connectTimeoutS", ChronoUnit.SECONDS,
            Duration.ofSeconds(1), Duration.ofMinutes(5)).defaultsTo(Duration.ofSeconds(10));
    public static final Key<Duration> RECONNECT_MIN = Key.duration("mqtt.reconnectMinMs", ChronoUnit.MILLIS,
            Duration.ofMillis(10), Duration.ofMinutes(10)).defaultsTo(Duration.ofSeconds(1));
    public static final Key<Duration> RECONNECT_MAX = Key.duration("mqtt.reconnectMaxMs", ChronoUnit.MILLIS,
            Duration.ofMillis(10), Duration.ofHours(1)).defaultsTo(Duration.ofMinutes(1));

    /** Reads and validates {@code mqtt.*}; {@code deviceId} is the default client id and user name. */
    public static MqttSettings from(ConfigSource s, String deviceId) {
        String url = s.get(URL);
        if (!url.matches("^(tcp|ssl)://[^/\\s]+:[0-9]{1,5}$")) {
            throw new ConfigException(URL.name(), "must look like tcp://host:1883 or ssl://host:8883, was '" + url + "'");
        }
        MqttSettings m = new MqttSettings(url, s.find(CLIENT_ID).orElse(deviceId), s.find(USERNAME).orElse(deviceId),
                s.find(PASSWORD), s.find(CA_FILE), s.find(CLIENT_CERT_FILE), s.find(CLIENT_KEY_FILE),
                s.get(KEEP_ALIVE), s.get(CONNECT_TIMEOUT), s.get(RECONNECT_MIN), s.get(RECONNECT_MAX));
        if (m.clientCertFile().isPresent() != m.clientKeyFile().isPresent()) {
            throw new ConfigException(CLIENT_KEY_FILE.name(), "and mqtt.clientCertFile must be set together");
        }
        if (m.reconnectMax().compareTo(m.reconnectMin()) < 0) {
            throw new ConfigException(RECONNECT_MAX.name(), "must be at least mqtt.reconnectMinMs");
        }
        return m;
    }

    public boolean tls() {
        return url.startsWith("ssl://");
    }

    @Override
    public String toString() {
        return "Mqtt[url=" + url + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password.isPresent() ? "(hidden)" : "-") + ", caFile=" + caFile
                + ", clientCertFile=" + clientCertFile + "]";
    }
}

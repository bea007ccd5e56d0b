package org.carbonkiosk.collector.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.config.Values;

/**
 * How the collector connects to the broker ({@code mqtt.*}).
 *
 * @param url            {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId       the event connection's stable client id (persistent session); the
 *                       receipt connection uses {@code clientId + "-out"}; empty = derived from the
 *                       host and the store when the collector starts
 * @param username       the event connection's user; the receipt connection's is {@code username + "-out"}
 *                       (same password); empty = anonymous
 * @param sessionExpiry  how long the broker keeps the session (and unacknowledged events) while away
 * @param receiveMaximum the MQTT 5 receive maximum asked of the broker; the collector's own bounded
 *                       queue is what really limits what is in flight
 * @param maxPacketBytes the largest packet the broker may send (MQTT 5 maximum packet size), on both connections
 * @param tls            the fleet CA and optional client certificate for {@code ssl://}
 */
public record MqttSettings(String url, String clientId, String username, String password, Duration sessionExpiry,
                           int receiveMaximum, int maxPacketBytes, MqttTls tls) {

    public MqttSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        Objects.requireNonNull(tls, "tls");
        Values.url("mqtt.url", Objects.requireNonNull(url, "url"), List.of("tcp", "ssl"));
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new ConfigException("mqtt.receiveMaximum", "must be within [1, 65535]");
        }
        if (maxPacketBytes < 16 * 1024 || maxPacketBytes > 256 * 1024 * 1024) {
            throw new ConfigException("mqtt.maxPacketSize", "must be within [16 KiB, 256 MiB]");
        }
    }

    /** Reads {@code mqtt.*}: defaults tcp://localhost:1883, anonymous, a 10-minute session, 64 KiB packets. */
    public static MqttSettings from(ConfigSource s) {
        return new MqttSettings(s.string("mqtt.url", "tcp://localhost:1883"), s.string("mqtt.clientId", ""),
                s.string("mqtt.username", ""), s.string("mqtt.password", ""),
                s.duration("mqtt.sessionExpiry", ChronoUnit.SECONDS, Duration.ofMinutes(10), Duration.ZERO,
                        Duration.ofDays(36_500)),
                s.integer("mqtt.receiveMaximum", 1024, 1, 65535),
                s.integer("mqtt.maxPacketSize", 64 * 1024, 16 * 1024, 256 * 1024 * 1024),
                new MqttTls(s.optional("mqtt.tls.caFile").map(Path::of), s.optional("mqtt.tls.certFile").map(Path::of),
                        s.optional("mqtt.tls.keyFile").map(Path::of)));
    }

    /** The same settings with the client id in effect. */
    public MqttSettings withClientId(String id) {
        return new MqttSettings(url, id, username, password, sessionExpiry, receiveMaximum, maxPacketBytes, tls);
    }

    @Override
    public String toString() {
        return "Mqtt[url=" + url + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password.isEmpty() ? "-" : "(hidden)") + ", tls=" + tls.configured() + "]";
    }
}

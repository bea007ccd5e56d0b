package org.carbonkiosk.collector.ingest;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.carbonkiosk.config.ConfigException;

/**
 * The collector's TLS to the broker ({@code ssl://} URLs): the fleet CA that issued the broker's
 * certificate (PEM; empty = the JVM's trust store) and, when the broker requires one, this
 * collector's client certificate chain and PKCS#8 key (PEM).
 */
public record MqttTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    public static final MqttTls NONE = new MqttTls(Optional.empty(), Optional.empty(), Optional.empty());

    public MqttTls {
        Objects.requireNonNull(caFile, "caFile");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new ConfigException("mqtt.tls.certFile", "mqtt.tls.certFile and mqtt.tls.keyFile go together");
        }
    }

    public boolean configured() {
        return caFile.isPresent() || certFile.isPresent();
    }
}

package org.carbonkiosk.collector.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.carbonkiosk.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad MQTT TLS files stop the start with an error naming the setting (the good ones: CollectorOverTlsIT). */
class PahoClientsTlsTest {
    @TempDir
    Path dir;

    @Test
    void caFileMissing_namesMqttTlsCaFile() {
        MqttTls tls = new MqttTls(Optional.of(dir.resolve("missing.pem")), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> PahoClients.socketFactory(tls)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.tls.caFile").hasMessageContaining("missing.pem");
    }

    @Test
    void caFileWithoutCertificate_namesMqttTlsCaFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        MqttTls tls = new MqttTls(Optional.of(empty), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> PahoClients.socketFactory(tls)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.tls.caFile");
    }

    @Test
    void certWithoutKey_refused() {
        assertThatThrownBy(() -> new MqttTls(Optional.empty(), Optional.of(dir.resolve("c.pem")), Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.tls.keyFile");
    }
}

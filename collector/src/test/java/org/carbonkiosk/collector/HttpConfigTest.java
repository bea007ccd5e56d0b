package org.carbonkiosk.collector;

import org.carbonkiosk.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code http.*} settings: loopback by default, limits, TLS files, /metrics opening. */
class HttpConfigTest {
    @Test
    void defaults_bindLoopbackWithoutTls_andMetricsClosed() {
        CollectorConfig c = CollectorConfig.load(Optional.empty(), Map.of());
        assertThat(c.http().bind()).isEqualTo("127.0.0.1");
        assertThat(c.http().tls()).isFalse();
        assertThat(c.http().metricsOpen()).isFalse();
        assertThat(c.http().maxBodyBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void environment_setsLimitsTlsAndMetrics() {
        CollectorConfig c = CollectorConfig.load(Optional.empty(), Map.of("KIOSK_HTTP_BIND", "0.0.0.0",
                "KIOSK_HTTP_TLS_CERT_CHAIN", "/etc/kiosk/chain.pem", "KIOSK_HTTP_TLS_KEY", "/etc/kiosk/key.pem",
                "KIOSK_HTTP_METRICS_OPEN", "true", "KIOSK_HTTP_MAX_THREADS", "32", "KIOSK_HTTP_IDLE_TIMEOUT", "5s",
                "KIOSK_HTTP_MAX_BODY_BYTES", "2048"));
        assertThat(c.http().bind()).isEqualTo("0.0.0.0");
        assertThat(c.http().tls()).isTrue();
        assertThat(c.http().tlsCertChain()).hasValue(Path.of("/etc/kiosk/chain.pem"));
        assertThat(c.http().metricsOpen()).isTrue();
        assertThat(c.http().maxThreads()).isEqualTo(32);
        assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.http().maxBodyBytes()).isEqualTo(2048);
    }

    @Test
    void aCertificateWithoutItsKey_orPemAndPkcs12Together_failNamingTheKey() {
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_HTTP_TLS_CERT_CHAIN", "/a.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls.key");
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_HTTP_TLS_CERT_CHAIN", "/a.pem",
                "KIOSK_HTTP_TLS_KEY", "/k.pem", "KIOSK_HTTP_TLS_PKCS12", "/s.p12")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls.pkcs12");
        assertThatThrownBy(() -> CollectorConfig.load(Optional.empty(), Map.of("KIOSK_HTTP_MAX_THREADS", "2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.maxThreads");
    }
}

package org.carbonkiosk.collector.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.carbonkiosk.config.ConfigException;

/**
 * The HTTP server's settings besides bind address and port: limits, TLS, and whether
 * {@code /metrics} is open without a token. Keys in {@code docs/collector.md} ({@code http.*}).
 *
 * @param maxThreads      request threads at most (a bounded pool; the queue is bounded too)
 * @param idleTimeout     a connection silent this long is closed
 * @param requestTimeout  a request body must have arrived within this time (else 408)
 * @param maxHeaderBytes  request line and headers at most (else 431)
 * @param maxBodyBytes    request body at most (else 413)
 * @param maxConnections  open connections at most (more wait in the accept queue)
 * @param tlsCertChain    PEM certificate chain (leaf first); with {@code tlsKey}
 * @param tlsKey          PEM private key, PKCS#8 ({@code BEGIN PRIVATE KEY})
 * @param tlsPkcs12       a PKCS#12 key store instead of the PEM files
 * @param metricsOpen     {@code /metrics} answers without a token
 * @param hstsMaxAge      {@code Strict-Transport-Security} max-age when TLS is on
 */
public record HttpOptions(int maxThreads, Duration idleTimeout, Duration requestTimeout, int maxHeaderBytes,
                          int maxBodyBytes, int maxConnections, Optional<Path> tlsCertChain, Optional<Path> tlsKey,
                          Optional<Path> tlsPkcs12, String tlsPkcs12Password, boolean metricsOpen,
                          Duration hstsMaxAge) {

    public HttpOptions {
        if (maxThreads < 4 || maxThreads > 1000) {
            throw new ConfigException("http.maxThreads", "must be within [4, 1000]");
        }
        if (maxHeaderBytes < 1024 || maxBodyBytes < 1024 || maxConnections < 1) {
            throw new ConfigException("http.maxBodyBytes", "header and body limits must be at least 1024 bytes");
        }
        if (tlsCertChain.isPresent() != tlsKey.isPresent()) {
            throw new ConfigException("http.tls.key", "http.tls.certChain and http.tls.key go together");
        }
        if (tlsCertChain.isPresent() && tlsPkcs12.isPresent()) {
            throw new ConfigException("http.tls.pkcs12", "either PEM files or a PKCS#12 file, not both");
        }
        if (idleTimeout.isZero() || requestTimeout.isZero()) {
            throw new ConfigException("http.idleTimeout", "timeouts must be above 0");
        }
    }

    public static HttpOptions defaults() {
        return new HttpOptions(16, Duration.ofSeconds(30), Duration.ofSeconds(10), 8 * 1024, 64 * 1024, 256,
                Optional.empty(), Optional.empty(), Optional.empty(), "", false, Duration.ofDays(365));
    }

    public boolean tls() {
        return tlsPkcs12.isPresent() || tlsCertChain.isPresent();
    }

    public HttpOptions withLimits(int threads, Duration idle, Duration request, int headerBytes, int bodyBytes,
                                  int connections) {
        return new HttpOptions(threads, idle, request, headerBytes, bodyBytes, connections, tlsCertChain, tlsKey,
                tlsPkcs12, tlsPkcs12Password, metricsOpen, hstsMaxAge);
    }

    public HttpOptions withPemTls(Path certChain, Path key) {
        return new HttpOptions(maxThreads, idleTimeout, requestTimeout, maxHeaderBytes, maxBodyBytes, maxConnections,
                Optional.of(certChain), Optional.of(key), Optional.empty(), "", metricsOpen, hstsMaxAge);
    }

    public HttpOptions withPkcs12Tls(Path file, String password) {
        return new HttpOptions(maxThreads, idleTimeout, requestTimeout, maxHeaderBytes, maxBodyBytes, maxConnections,
                Optional.empty(), Optional.empty(), Optional.of(file), password, metricsOpen, hstsMaxAge);
    }

    public HttpOptions withMetricsOpen(boolean open) {
        return new HttpOptions(maxThreads, idleTimeout, requestTimeout, maxHeaderBytes, maxBodyBytes, maxConnections,
                tlsCertChain, tlsKey, tlsPkcs12, tlsPkcs12Password, open, hstsMaxAge);
    }

    @Override
    public String toString() {
        return "HttpOptions[maxThreads=" + maxThreads + ", idleTimeout=" + idleTimeout + ", tls=" + tls()
                + ", metricsOpen=" + metricsOpen + "]";
    }
}

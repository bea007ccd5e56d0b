package org.carbonkiosk.collector.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;

/**
 * The HTTP server ({@code http.*}): where it listens, its limits, TLS, and whether {@code /metrics}
 * is open without a token. Keys in {@code docs/collector.md}.
 *
 * @param bind            the address to listen on (default loopback)
 * @param port            the port; 0 = ephemeral
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
public record HttpSettings(String bind, int port, int maxThreads, Duration idleTimeout, Duration requestTimeout,
                           int maxHeaderBytes, int maxBodyBytes, int maxConnections, Optional<Path> tlsCertChain,
                           Optional<Path> tlsKey, Optional<Path> tlsPkcs12, String tlsPkcs12Password,
                           boolean metricsOpen, Duration hstsMaxAge) {

    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.port", "must be within [0, 65535], was " + port);
        }
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

    /**
     * Reads {@code http.*}: 127.0.0.1:8080, 16 threads, 30 s idle, 10 s per request body, 8 KiB headers,
     * 64 KiB bodies, 256 connections, no TLS, {@code /metrics} behind a token, HSTS for a year.
     */
    public static HttpSettings from(ConfigSource s) {
        return new HttpSettings(s.string("http.bind", "127.0.0.1"), s.integer("http.port", 8080, 0, 65535),
                s.integer("http.maxThreads", 16, 4, 1000),
                duration(s, "http.idleTimeout", Duration.ofSeconds(30)),
                duration(s, "http.requestTimeout", Duration.ofSeconds(10)),
                s.integer("http.maxHeaderBytes", 8 * 1024, 1024, 1024 * 1024),
                s.integer("http.maxBodyBytes", 64 * 1024, 1024, 64 * 1024 * 1024),
                s.integer("http.maxConnections", 256, 1, 100_000),
                s.optional("http.tls.certChain").map(Path::of), s.optional("http.tls.key").map(Path::of),
                s.optional("http.tls.pkcs12").map(Path::of), s.string("http.tls.pkcs12Password", ""),
                s.bool("http.metricsOpen", false), duration(s, "http.hstsMaxAge", Duration.ofDays(365)));
    }

    public boolean tls() {
        return tlsPkcs12.isPresent() || tlsCertChain.isPresent();
    }

    /** The same settings on another port (a restarted collector keeps the port it was given). */
    public HttpSettings withPort(int p) {
        return new HttpSettings(bind, p, maxThreads, idleTimeout, requestTimeout, maxHeaderBytes, maxBodyBytes,
                maxConnections, tlsCertChain, tlsKey, tlsPkcs12, tlsPkcs12Password, metricsOpen, hstsMaxAge);
    }

    private static Duration duration(ConfigSource s, String key, Duration defaultValue) {
        return s.duration(key, ChronoUnit.SECONDS, defaultValue, Duration.ZERO, Duration.ofDays(36_500));
    }

    @Override
    public String toString() {
        return "Http[" + bind + ":" + port + ", maxThreads=" + maxThreads + ", idleTimeout=" + idleTimeout
                + ", tls=" + tls() + ", metricsOpen=" + metricsOpen + "]";
    }
}

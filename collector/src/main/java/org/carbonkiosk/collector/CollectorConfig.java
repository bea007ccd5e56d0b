package org.carbonkiosk.collector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.carbonkiosk.collector.api.HttpOptions;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.integrity.BalanceTolerance;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.collector.ingest.MqttTls;
import org.carbonkiosk.collector.pipeline.IngestSettings;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;

/**
 * Every setting of the collector, validated once. {@link #defaults()} is the no-config start;
 * {@link #load(Optional, Map)} reads a properties file with {@code KIOSK_*} environment overrides.
 * Keys and defaults are listed in {@code docs/collector.md}. Empty strings mean "not set".
 *
 * @param mqttUrl              broker, {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param mqttClientId         stable client id (persistent session); empty = derived from host and data dir
 * @param mqttSessionExpiry    how long the broker keeps the session (and unacknowledged events) while away
 * @param mqttReceiveMaximum   events in flight (unacknowledged) at most; also balances a shared subscription
 * @param httpPort             HTTP API port; 0 = ephemeral
 * @param dataDir              SQLite database and the generated admin token live here
 * @param dbUrl                JDBC URL; empty = {@code jdbc:sqlite:<dataDir>/collector.db}
 * @param adminToken           bearer token for writes; empty = read or generate {@code <dataDir>/admin.token}
 * @param ledgerUrl            ledger base URL; empty = forwarding paused
 * @param rules                credit rule versions
 * @param lateWindow           how long after its end a month stays open (stale, held releases)
 * @param maxClockSkew         occurredAt later than receive time by more than this: {@code clock-skew}
 * @param calibrationMaxAge    older calibration: {@code calibration-expired}
 * @param calibrationRequired  a deposit without {@code calibratedAt} is held
 * @param ingest               the decision path's sizes: verify threads, queue, batches, receipts
 * @param mqttMaxPacketBytes   the largest MQTT packet the broker may send this collector
 * @param http                 HTTP limits, TLS and whether /metrics is open ({@code http.*})
 * @param integrity            the integrity signals' limits ({@code integrity.*})
 * @param mqttTls              the fleet CA and the optional client certificate for {@code ssl://} ({@code mqtt.tls.*})
 * @param keyRotationGrace     after a rotation, the old key version still verifies events up to this long after it
 */
public record CollectorConfig(String mqttUrl, String mqttClientId, String mqttUsername, String mqttPassword,
                              Duration mqttSessionExpiry, int mqttReceiveMaximum, int httpPort, String httpBind, Path dataDir, String dbUrl,
                              int dbPoolSize, String adminToken, String ledgerUrl, String ledgerToken,
                              Duration ledgerTimeout, Duration ledgerBackoffInitial, Duration ledgerBackoffMax,
                              RuleVersions rules, Duration lateWindow, Duration maxClockSkew,
                              Duration calibrationMaxAge, boolean calibrationRequired, IngestSettings ingest,
                              int mqttMaxPacketBytes, HttpOptions http, IntegrityLimits integrity, MqttTls mqttTls,
                              Duration keyRotationGrace) {

    public CollectorConfig {
        Objects.requireNonNull(mqttUrl, "mqttUrl");
        Objects.requireNonNull(mqttClientId, "mqttClientId");
        Objects.requireNonNull(mqttUsername, "mqttUsername");
        Objects.requireNonNull(mqttPassword, "mqttPassword");
        Objects.requireNonNull(mqttSessionExpiry, "mqttSessionExpiry");
        Objects.requireNonNull(httpBind, "httpBind");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(mqttTls, "mqttTls");
        if (keyRotationGrace.isNegative()) {
            throw new ConfigException("keys.rotationGrace", "must not be negative");
        }
        if (mqttReceiveMaximum < 1 || mqttReceiveMaximum > 65535) {
            throw new ConfigException("mqtt.receiveMaximum", "must be within [1, 65535]");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(ledgerUrl, "ledgerUrl");
        Objects.requireNonNull(ledgerToken, "ledgerToken");
        Objects.requireNonNull(ledgerTimeout, "ledgerTimeout");
        Objects.requireNonNull(ledgerBackoffInitial, "ledgerBackoffInitial");
        Objects.requireNonNull(ledgerBackoffMax, "ledgerBackoffMax");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(lateWindow, "lateWindow");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(calibrationMaxAge, "calibrationMaxAge");
        requireUrl("mqtt.url", mqttUrl, List.of("tcp", "ssl"));
        if (!ledgerUrl.isEmpty()) {
            requireUrl("ledger.url", ledgerUrl, List.of("http", "https"));
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new ConfigException("http.port", "must be within [0, 65535], was " + httpPort);
        }
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("db.url", "must be jdbc:sqlite:... or jdbc:postgresql:...");
        }
        if (dbPoolSize < 1) {
            throw new ConfigException("db.poolSize", "must be at least 1");
        }
        if (!adminToken.isEmpty() && adminToken.length() < 16) {
            throw new ConfigException("admin.token", "must be at least 16 characters");
        }
        if (ledgerTimeout.isZero() || ledgerBackoffInitial.isZero() || ledgerBackoffMax.compareTo(ledgerBackoffInitial) < 0) {
            throw new ConfigException("ledger.backoffMax", "timeouts and backoffs must be > 0, max >= initial");
        }
        Objects.requireNonNull(ingest, "ingest");
        if (mqttMaxPacketBytes < 16 * 1024 || mqttMaxPacketBytes > 256 * 1024 * 1024) {
            throw new ConfigException("mqtt.maxPacketSize", "must be within [16 KiB, 256 MiB]");
        }
    }

    /** The no-config start: SQLite under ./data, tcp://localhost:1883, HTTP 127.0.0.1:8080, the published rule. */
    public static CollectorConfig defaults() {
        return new CollectorConfig("tcp://localhost:1883", "", "", "", Duration.ofMinutes(10), 1024, 8080, "127.0.0.1",
                Path.of("data"), "", 8, "", "", "", Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMinutes(5), RuleVersions.of(CreditRule.defaults()), Duration.ofDays(7),
                Duration.ofMinutes(5), Duration.ofDays(365), false, IngestSettings.defaults(), 64 * 1024,
                HttpOptions.defaults(), IntegrityLimits.defaults(), MqttTls.NONE, Duration.ofDays(7));
    }

    /**
     * Reads {@code file} (Java properties) when given, then the environment ({@code KIOSK_MQTT_URL}
     * overrides {@code mqtt.url}, and so on for every key).
     *
     * @throws ConfigException naming the key of the first bad value
     */
    public static CollectorConfig load(Optional<Path> file, Map<String, String> env) {
        Properties p = new Properties();
        if (file.isPresent()) {
            try (InputStream in = Files.newInputStream(file.get())) {
                p.load(in);
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read " + file.get() + ": " + e.getMessage());
            }
        }
        ConfigSource s = new ConfigSource(p, env);
        CollectorConfig d = defaults();
        CollectorConfig config = new CollectorConfig(
                s.string("mqtt.url", d.mqttUrl), s.string("mqtt.clientId", ""),
                s.string("mqtt.username", ""), s.string("mqtt.password", ""),
                duration(s, "mqtt.sessionExpiry", d.mqttSessionExpiry),
                s.integer("mqtt.receiveMaximum", d.mqttReceiveMaximum, 1, 65535),
                s.integer("http.port", d.httpPort, 0, 65535), s.string("http.bind", d.httpBind),
                Path.of(s.string("data.dir", d.dataDir.toString())), s.string("db.url", ""),
                s.integer("db.poolSize", d.dbPoolSize, 1, 256), s.string("admin.token", ""),
                s.string("ledger.url", ""), s.string("ledger.token", ""),
                duration(s, "ledger.timeout", d.ledgerTimeout),
                duration(s, "ledger.backoffInitial", d.ledgerBackoffInitial),
                duration(s, "ledger.backoffMax", d.ledgerBackoffMax),
                rules(s), duration(s, "rule.lateWindow", d.lateWindow),
                duration(s, "rule.maxClockSkew", d.maxClockSkew),
                duration(s, "rule.calibrationMaxAge", d.calibrationMaxAge),
                s.bool("rule.calibrationRequired", d.calibrationRequired),
                ingest(s, d.ingest),
                s.integer("mqtt.maxPacketSize", d.mqttMaxPacketBytes, 16 * 1024, 256 * 1024 * 1024), http(s, d.http),
                integrity(s, d.integrity),
                new MqttTls(s.optional("mqtt.tls.caFile").map(Path::of), s.optional("mqtt.tls.certFile").map(Path::of),
                        s.optional("mqtt.tls.keyFile").map(Path::of)),
                duration(s, "keys.rotationGrace", d.keyRotationGrace));
        s.warnUnknownKeys(Set.of(), "the collector");
        return config;
    }

    /** A duration: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 7d}, ISO-8601, or a bare number of seconds. */
    private static Duration duration(ConfigSource s, String key, Duration defaultValue) {
        return s.duration(key, ChronoUnit.SECONDS, defaultValue, Duration.ZERO, Duration.ofDays(36_500));
    }

    private static Instant instant(ConfigSource s, String key, Instant defaultValue) {
        return s.instant(key).map(OffsetDateTime::toInstant).orElse(defaultValue);
    }

    private static IngestSettings ingest(ConfigSource s, IngestSettings d) {
        Duration wait = duration(s, "ingest.batchWait", d.batchWait());
        if (wait.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new ConfigException("ingest.batchWait", "must be at most 1s");
        }
        return new IngestSettings(s.integer("ingest.verifyThreads", d.verifyThreads(), 1, 256),
                s.integer("ingest.queueCapacity", d.queueCapacity(), 1, 1_000_000),
                s.integer("ingest.batchSize", d.batchSize(), 1, 10_000),
                wait, s.integer("ingest.receiptQueueCapacity", d.receiptQueueCapacity(), 1, 10_000_000));
    }

    private static IntegrityLimits integrity(ConfigSource s, IntegrityLimits d) {
        Map<Material, Integer> limits = new EnumMap<>(Material.class);
        for (Material m : Material.values()) {
            limits.put(m, s.integer("integrity.maxNetGrams." + m.wire(), d.maxNetGrams(m), 0, 1_000_000));
        }
        BalanceTolerance t = new BalanceTolerance(
                s.integer("integrity.massBalanceTolerancePercent", d.massBalanceTolerance().percent(), 0, 100),
                s.integer("integrity.massBalanceFloorGrams", d.massBalanceTolerance().floorGrams(), 0, 1_000_000));
        return new IntegrityLimits(duration(s, "integrity.cloneWindow", d.cloneWindow()),
                s.integer("integrity.weightChainToleranceGrams", d.weightChainToleranceGrams(), 0, 1_000_000), limits,
                t, s.bool("integrity.flagOnImbalance", d.flagOnImbalance()));
    }

    private static HttpOptions http(ConfigSource s, HttpOptions d) {
        return new HttpOptions(s.integer("http.maxThreads", d.maxThreads(), 4, 1000),
                duration(s, "http.idleTimeout", d.idleTimeout()), duration(s, "http.requestTimeout", d.requestTimeout()),
                s.integer("http.maxHeaderBytes", d.maxHeaderBytes(), 1024, 1024 * 1024),
                s.integer("http.maxBodyBytes", d.maxBodyBytes(), 1024, 64 * 1024 * 1024),
                s.integer("http.maxConnections", d.maxConnections(), 1, 100_000),
                s.optional("http.tls.certChain").map(Path::of), s.optional("http.tls.key").map(Path::of),
                s.optional("http.tls.pkcs12").map(Path::of), s.string("http.tls.pkcs12Password", ""),
                s.bool("http.metricsOpen", d.metricsOpen()), duration(s, "http.hstsMaxAge", d.hstsMaxAge()));
    }

    private static RuleVersions rules(ConfigSource s) {
        CreditRule base = CreditRule.defaults();
        List<CreditRule> versions = new ArrayList<>();
        for (String name : s.string("rule.versions", base.version()).split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                throw new ConfigException("rule.versions", "empty version name");
            }
            try {
                versions.add(new CreditRule(n,
                        instant(s, "rule." + n + ".effectiveFrom", instant(s, "rule.effectiveFrom", Instant.EPOCH)),
                        ruleInt(s, n, "gramsPerKg", base.gramsPerKg()),
                        ruleInt(s, n, "perDepositCapGrams", base.perDepositCapGrams()),
                        ruleInt(s, n, "monthlyCapGrams", base.monthlyCapGrams()),
                        ruleInt(s, n, "monthlyCountLimit", base.monthlyCountLimit()),
                        ruleInt(s, n, "minNetGrams", base.minNetGrams()),
                        ruleInt(s, n, "maxNetGrams", base.maxNetGrams())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("rule." + n + ".maxNetGrams", "must be >= minNetGrams: " + e.getMessage());
            }
        }
        try {
            return new RuleVersions(versions);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("rule.versions", e.getMessage());
        }
    }

    private static int ruleInt(ConfigSource s, String version, String param, int defaultValue) {
        String specific = "rule." + version + "." + param;
        if (s.optional(specific).isPresent()) {
            return s.integer(specific, defaultValue, 0, 100_000_000);
        }
        return s.integer("rule." + param, defaultValue, 0, 100_000_000);
    }

    private static void requireUrl(String key, String url, List<String> schemes) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(key, "must be a URL with scheme " + schemes + " and a host, was '" + url + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key, "is not a URL: '" + url + "'");
        }
    }

    /** The JDBC URL in effect. */
    public String effectiveDbUrl() {
        return dbUrl.isEmpty() ? "jdbc:sqlite:" + dataDir.resolve("collector.db") : dbUrl;
    }

    public CollectorConfig withMqttUrl(String v) {
        return copy(b -> b.mqttUrl = v);
    }

    public CollectorConfig withMqttClientId(String v) {
        return copy(b -> b.mqttClientId = v);
    }

    /** How long the broker keeps this collector's session (and its unacknowledged events) after a crash. */
    public CollectorConfig withMqttSessionExpiry(Duration v) {
        return copy(b -> b.mqttSessionExpiry = v);
    }

    public CollectorConfig withHttpPort(int v) {
        return copy(b -> b.httpPort = v);
    }

    public CollectorConfig withHttpOptions(HttpOptions v) {
        return copy(b -> b.http = v);
    }

    public CollectorConfig withHttpBind(String v) {
        return copy(b -> b.httpBind = v);
    }

    public CollectorConfig withDataDir(Path v) {
        return copy(b -> b.dataDir = v);
    }

    public CollectorConfig withDbUrl(String v) {
        return copy(b -> b.dbUrl = v);
    }

    public CollectorConfig withAdminToken(String v) {
        return copy(b -> b.adminToken = v);
    }

    public CollectorConfig withLedgerUrl(String v) {
        return copy(b -> b.ledgerUrl = v);
    }

    public CollectorConfig withLedgerToken(String v) {
        return copy(b -> b.ledgerToken = v);
    }

    /** Ledger HTTP timeout and retry backoff (initial, doubling to max). */
    public CollectorConfig withLedgerTiming(Duration timeout, Duration backoffInitial, Duration backoffMax) {
        return copy(b -> {
            b.ledgerTimeout = timeout;
            b.ledgerBackoffInitial = backoffInitial;
            b.ledgerBackoffMax = backoffMax;
        });
    }

    public CollectorConfig withRules(RuleVersions v) {
        return copy(b -> b.rules = v);
    }

    public CollectorConfig withMqttTls(MqttTls v) {
        return copy(b -> b.mqttTls = v);
    }

    public CollectorConfig withIngest(IngestSettings v) {
        return copy(b -> b.ingest = v);
    }

    public CollectorConfig withIntegrity(IntegrityLimits v) {
        return copy(b -> b.integrity = v);
    }

    /** This configuration with some values changed (validated again). */
    private CollectorConfig copy(java.util.function.Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** The mutable form of a configuration, for the withers. */
    private static final class Copy {
        private String mqttUrl;
        private String mqttClientId;
        private String mqttUsername;
        private String mqttPassword;
        private Duration mqttSessionExpiry;
        private int mqttReceiveMaximum;
        private int httpPort;
        private String httpBind;
        private Path dataDir;
        private String dbUrl;
        private int dbPoolSize;
        private String adminToken;
        private String ledgerUrl;
        private String ledgerToken;
        private Duration ledgerTimeout;
        private Duration ledgerBackoffInitial;
        private Duration ledgerBackoffMax;
        private RuleVersions rules;
        private Duration lateWindow;
        private Duration maxClockSkew;
        private Duration calibrationMaxAge;
        private boolean calibrationRequired;
        private IngestSettings ingest;
        private int mqttMaxPacketBytes;
        private HttpOptions http;
        private IntegrityLimits integrity;
        private MqttTls mqttTls;
        private Duration keyRotationGrace;

        Copy(CollectorConfig c) {
            mqttUrl = c.mqttUrl;
            mqttClientId = c.mqttClientId;
            mqttUsername = c.mqttUsername;
            mqttPassword = c.mqttPassword;
            mqttSessionExpiry = c.mqttSessionExpiry;
            mqttReceiveMaximum = c.mqttReceiveMaximum;
            httpPort = c.httpPort;
            httpBind = c.httpBind;
            dataDir = c.dataDir;
            dbUrl = c.dbUrl;
            dbPoolSize = c.dbPoolSize;
            adminToken = c.adminToken;
            ledgerUrl = c.ledgerUrl;
            ledgerToken = c.ledgerToken;
            ledgerTimeout = c.ledgerTimeout;
            ledgerBackoffInitial = c.ledgerBackoffInitial;
            ledgerBackoffMax = c.ledgerBackoffMax;
            rules = c.rules;
            lateWindow = c.lateWindow;
            maxClockSkew = c.maxClockSkew;
            calibrationMaxAge = c.calibrationMaxAge;
            calibrationRequired = c.calibrationRequired;
            ingest = c.ingest;
            mqttMaxPacketBytes = c.mqttMaxPacketBytes;
            http = c.http;
            integrity = c.integrity;
            mqttTls = c.mqttTls;
            keyRotationGrace = c.keyRotationGrace;
        }

        CollectorConfig build() {
            return new CollectorConfig(mqttUrl, mqttClientId, mqttUsername, mqttPassword, mqttSessionExpiry,
                    mqttReceiveMaximum, httpPort, httpBind, dataDir, dbUrl, dbPoolSize, adminToken, ledgerUrl, ledgerToken,
                    ledgerTimeout, ledgerBackoffInitial, ledgerBackoffMax, rules, lateWindow, maxClockSkew,
                    calibrationMaxAge, calibrationRequired, ingest, mqttMaxPacketBytes, http, integrity, mqttTls,
                    keyRotationGrace);
        }
    }

    @Override
    public String toString() {
        return "CollectorConfig[mqttUrl=" + mqttUrl + ", http=" + httpBind + ":" + httpPort + " " + http
                + ", dataDir=" + dataDir
                + ", db=" + (dbUrl.isEmpty() ? "sqlite" : dbUrl.replaceAll("password=[^&]*", "password=***"))
                + ", ledgerUrl=" + (ledgerUrl.isEmpty() ? "(paused)" : ledgerUrl) + ", rules=" + rules + "]";
    }
}

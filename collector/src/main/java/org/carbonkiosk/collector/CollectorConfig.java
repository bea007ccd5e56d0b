package org.carbonkiosk.collector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.carbonkiosk.collector.api.HttpSettings;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.decide.Checks;
import org.carbonkiosk.collector.ingest.MqttSettings;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.ledger.LedgerSettings;
import org.carbonkiosk.collector.pipeline.IngestSettings;
import org.carbonkiosk.collector.store.StoreSettings;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;

/**
 * Every setting of the collector, one record per component, each read and validated by its own
 * {@code from(ConfigSource)}; the components receive only their slice. Keys and defaults are
 * listed in {@code docs/collector.md}. {@link #load} reads an operator's file with {@code KIOSK_*}
 * environment overrides; {@link #of} builds one from keys in code (the simulator, tests), with the
 * same syntax and checks.
 *
 * @param mqtt       the broker connection ({@code mqtt.*})
 * @param http       the HTTP server ({@code http.*})
 * @param store      the database ({@code data.dir}, {@code db.*})
 * @param ledger     credit forwarding ({@code ledger.*})
 * @param rules      the credit rule's versions ({@code rule.versions}, {@code rule.*})
 * @param checks     the checks before the rule ({@code rule.lateWindow} ..., {@code keys.rotationGrace})
 * @param integrity  the integrity signals' limits ({@code integrity.*})
 * @param ingest     the decision path's sizes ({@code ingest.*})
 * @param adminToken the bootstrap admin API token; empty = read or generate {@code <data.dir>/admin.token}
 */
public record CollectorConfig(MqttSettings mqtt, HttpSettings http, StoreSettings store, LedgerSettings ledger,
                              RuleVersions rules, Checks checks, IntegrityLimits integrity, IngestSettings ingest,
                              String adminToken) {

    public CollectorConfig {
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(ingest, "ingest");
        if (!adminToken.isEmpty() && adminToken.length() < 16) {
            throw new ConfigException("admin.token", "must be at least 16 characters");
        }
    }

    /** The no-config start: SQLite under ./data, tcp://localhost:1883, HTTP 127.0.0.1:8080, the published rule. */
    public static CollectorConfig defaults() {
        return of(Map.of());
    }

    /**
     * Reads {@code file} (Java properties) when given, then the environment ({@code KIOSK_MQTT_URL}
     * overrides {@code mqtt.url}, and so on for every key); warns about keys nothing reads.
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
        CollectorConfig config = from(s);
        s.warnUnknownKeys(Set.of(), "the collector");
        return config;
    }

    /**
     * A configuration from keys given in code, as a file would give them ({@code "http.port" -> "0"}).
     *
     * @throws ConfigException for a bad value, or a key the collector does not know (a typo in code is a bug)
     */
    public static CollectorConfig of(Map<String, String> keys) {
        Properties p = new Properties();
        p.putAll(keys);
        ConfigSource s = ConfigSource.of(p);
        CollectorConfig config = from(s);
        List<String> unknown = List.copyOf(s.unreadKeys(Set.of()));
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknown.get(0), "is not a collector setting");
        }
        return config;
    }

    private static CollectorConfig from(ConfigSource s) {
        return new CollectorConfig(MqttSettings.from(s), HttpSettings.from(s), StoreSettings.from(s),
                LedgerSettings.from(s), RuleVersions.from(s), Checks.from(s), IntegrityLimits.from(s),
                IngestSettings.from(s), s.string("admin.token", ""));
    }

    @Override
    public String toString() {
        return "CollectorConfig[" + mqtt + ", " + http + ", " + store + ", " + ledger + ", rules=" + rules + "]";
    }
}

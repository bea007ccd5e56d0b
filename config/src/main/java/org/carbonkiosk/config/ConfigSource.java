package org.carbonkiosk.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * Key/value configuration from a properties file, each key overridable by an environment
 * variable ({@code mqtt.url} by {@code KIOSK_MQTT_URL}). Values follow one syntax
 * ({@link Values}); every typed read fails with a {@link ConfigException} that names the key.
 * Remembers which keys were read, so that keys nothing reads (misspelled, obsolete) can be
 * warned about once start-up has read everything it needs.
 */
public final class ConfigSource {
    private final Properties properties;
    private final Map<String, String> environment;
    private final Set<String> readKeys = ConcurrentHashMap.newKeySet();

    public ConfigSource(Properties properties, Map<String, String> environment) {
        this.properties = (Properties) properties.clone();
        this.environment = Map.copyOf(environment);
    }

    /**
     * Reads {@code file} as a properties file (ISO-8859-1 with {@code \\u} escapes, as Java reads them).
     *
     * @throws UncheckedIOException when the file cannot be read or is not a properties file
     */
    public static ConfigSource load(Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(),
                    new IOException(e.getMessage(), e));
        }
        return new ConfigSource(properties, environment);
    }

    public static ConfigSource of(Properties properties) {
        return new ConfigSource(properties, Map.of());
    }

    /** {@code mqtt.url} becomes {@code KIOSK_MQTT_URL}, {@code mqtt.clientCertFile} {@code KIOSK_MQTT_CLIENT_CERT_FILE}. */
    public static String environmentName(String key) {
        return "KIOSK_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_')
                .toUpperCase(Locale.ROOT);
    }

    /** The trimmed text of {@code key} (environment first, then the file); empty when absent or blank. */
    public Optional<String> optional(String key) {
        readKeys.add(key);
        String env = environment.get(environmentName(key));
        String value = env != null ? env : properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /** The key's value, its default when absent, or a {@link ConfigException} when it is required. */
    public <T> T get(Key<T> key) {
        return find(key).or(key::defaultValue)
                .orElseThrow(() -> new ConfigException(key.name(), "is required"));
    }

    /** The key's value when it is set (its default is not used). */
    public <T> Optional<T> find(Key<T> key) {
        return optional(key.name()).map(key::parse);
    }

    public String string(String key) {
        return get(Key.string(key));
    }

    public String string(String key, String defaultValue) {
        return get(Key.string(key).defaultsTo(defaultValue));
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return (int) Key.within(key, get(Key.integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE)
                .defaultsTo(defaultValue)), min, max);
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        return Key.within(key, get(Key.longInteger(key, Long.MIN_VALUE, Long.MAX_VALUE).defaultsTo(defaultValue)),
                min, max);
    }

    public double decimal(String key, double defaultValue) {
        return optional(key).map(v -> Values.decimal(key, v)).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return get(Key.bool(key).defaultsTo(defaultValue));
    }

    public Path path(String key, String defaultValue) {
        return Path.of(string(key, defaultValue));
    }

    /** One of {@code allowed}, case-sensitive. */
    public String choice(String key, String defaultValue, Set<String> allowed) {
        return get(Key.choice(key, allowed).defaultsTo(defaultValue));
    }

    /** A duration within {@code [min, max]}; a bare number counts in {@code bareUnit}. */
    public Duration duration(String key, ChronoUnit bareUnit, Duration defaultValue, Duration min, Duration max) {
        return get(Key.duration(key, bareUnit, min, max).defaultsTo(defaultValue));
    }

    /** A size in bytes within {@code [min, max]}. */
    public long size(String key, long defaultValue, long min, long max) {
        return get(Key.size(key, min, max).defaultsTo(defaultValue));
    }

    public Optional<OffsetDateTime> instant(String key) {
        return optional(key).map(v -> Values.instant(key, v));
    }

    /**
     * Keys of the file that nothing has read so far, except those under {@code ignoredPrefixes}:
     * after start-up these are misspelled or obsolete keys whose intended value is not in effect.
     */
    public Set<String> unreadKeys(Set<String> ignoredPrefixes) {
        Set<String> unread = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!readKeys.contains(key) && ignoredPrefixes.stream().noneMatch(key::startsWith)) {
                unread.add(key);
            }
        }
        return unread;
    }

    /**
     * Logs one warning per {@link #unreadKeys unread key} ("unknown key") and returns the warnings;
     * {@code app} names the reader ("this agent").
     */
    public List<String> warnUnknownKeys(Set<String> ignoredPrefixes, String app) {
        List<String> warnings = new ArrayList<>();
        for (String key : unreadKeys(ignoredPrefixes)) {
            String line = "config key '" + key + "' is not used by " + app
                    + " (misspelled, or for other hardware): its value has no effect";
            Logger.warn(line);
            warnings.add(line);
        }
        return warnings;
    }
}

package org.carbonkiosk.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Key/value configuration from a properties file, each key overridable by an environment
 * variable ({@code mqtt.url} by {@code KIOSK_MQTT_URL}). Every typed read fails with a
 * {@link ConfigException} that names the key.
 */
public final class ConfigSource {
    private final Properties properties;
    private final Map<String, String> environment;
    private final Set<String> readKeys = ConcurrentHashMap.newKeySet();

    public ConfigSource(Properties properties, Map<String, String> environment) {
        this.properties = (Properties) properties.clone();
        this.environment = Map.copyOf(environment);
    }

    public static ConfigSource load(Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        return new ConfigSource(properties, environment);
    }

    public static ConfigSource of(Properties properties) {
        return new ConfigSource(properties, Map.of());
    }

    /** {@code mqtt.url} becomes {@code KIOSK_MQTT_URL}. */
    public static String environmentName(String key) {
        return "KIOSK_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_').toUpperCase();
    }

    public Optional<String> optional(String key) {
        readKeys.add(key);
        String env = environment.get(environmentName(key));
        String value = env != null ? env : properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    public String string(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(key, "is required"));
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        int value = optional(key).map(v -> parse(key, v, Integer::parseInt, "an integer")).orElse(defaultValue);
        if (value < min || value > max) {
            throw new ConfigException(key, "must be within [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        long value = optional(key).map(v -> parse(key, v, Long::parseLong, "an integer")).orElse(defaultValue);
        if (value < min || value > max) {
            throw new ConfigException(key, "must be within [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public double decimal(String key, double defaultValue) {
        return optional(key).map(v -> parse(key, v, Double::parseDouble, "a number")).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return optional(key).map(v -> switch (v.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, "must be true or false, was '" + v + "'");
        }).orElse(defaultValue);
    }

    public Path path(String key, String defaultValue) {
        return Path.of(string(key, defaultValue));
    }

    /** One of {@code allowed}, case-sensitive. */
    public String choice(String key, String defaultValue, java.util.Set<String> allowed) {
        String value = string(key, defaultValue);
        if (!allowed.contains(value)) {
            throw new ConfigException(key, "must be one of " + new java.util.TreeSet<>(allowed) + ", was '" + value + "'");
        }
        return value;
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

    private static <T> T parse(String key, String value, Function<String, T> parser, String what) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be " + what + ", was '" + value + "'");
        }
    }
}

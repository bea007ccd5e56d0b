package org.carbonkiosk.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of properties with {@code KIOSK_<KEY>} environment overrides; errors name the key. */
final class Settings {
    private static final Pattern SHORT_DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");
    private final Properties properties;
    private final Map<String, String> env;

    Settings(Properties properties, Map<String, String> env) {
        this.properties = properties;
        this.env = env;
    }

    /** {@code ledger.backoffInitial} -> {@code KIOSK_LEDGER_BACKOFF_INITIAL}. */
    static String environmentName(String key) {
        return "KIOSK_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_')
                .toUpperCase(Locale.ROOT);
    }

    Optional<String> optional(String key) {
        String value = env.get(environmentName(key));
        if (value == null) {
            value = properties.getProperty(key);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    int integer(String key, int defaultValue, int min, int max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(v.get());
            if (value < min || value > max) {
                throw new ConfigException(key, "must be within [" + min + ", " + max + "], was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer, was '" + v.get() + "'");
        }
    }

    boolean bool(String key, boolean defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, was '" + v.get() + "'");
        };
    }

    Duration duration(String key, Duration defaultValue) {
        Optional<String> v = optional(key);
        return v.isEmpty() ? defaultValue : parseDuration(key, v.get());
    }

    Instant instant(String key, Instant defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return OffsetDateTime.parse(v.get()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "must be an RFC 3339 date-time with offset, was '" + v.get() + "'");
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT5M}). */
    static Duration parseDuration(String key, String text) {
        Matcher m = SHORT_DURATION.matcher(text.trim());
        try {
            Duration d;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text.trim());
            }
            if (d.isNegative()) {
                throw new ConfigException(key, "must not be negative");
            }
            return d;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ConfigException(key, "must be a duration like 10s, 5m, 7d or PT5M, was '" + text + "'");
        }
    }
}

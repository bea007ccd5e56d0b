package org.carbonkiosk.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * A typed configuration key: its name, how its text is parsed and checked, and its default
 * (none: the key is required). Declared once as a constant and read with
 * {@link ConfigSource#get(Key)}, so every app that reads the key reads it the same way.
 *
 * @param <T> the value's type
 */
public final class Key<T> {
    private final String name;
    private final BiFunction<String, String, T> parser;
    private final Optional<T> defaultValue;

    private Key(String name, BiFunction<String, String, T> parser, Optional<T> defaultValue) {
        this.name = name;
        this.parser = parser;
        this.defaultValue = defaultValue;
    }

    public static Key<String> string(String name) {
        return new Key<>(name, (k, text) -> text, Optional.empty());
    }

    /** One of {@code allowed}, case-sensitive. */
    public static Key<String> choice(String name, Set<String> allowed) {
        return new Key<>(name, (k, text) -> {
            if (!allowed.contains(text)) {
                throw new ConfigException(k, "must be one of " + new TreeSet<>(allowed) + ", was '" + text + "'");
            }
            return text;
        }, Optional.empty());
    }

    public static Key<Integer> integer(String name, int min, int max) {
        return new Key<>(name, (k, text) -> (int) within(k, Values.integer(k, text), min, max), Optional.empty());
    }

    public static Key<Long> longInteger(String name, long min, long max) {
        return new Key<>(name, (k, text) -> within(k, Values.integer(k, text), min, max), Optional.empty());
    }

    public static Key<Boolean> bool(String name) {
        return new Key<>(name, Values::bool, Optional.empty());
    }

    public static Key<Path> path(String name) {
        return new Key<>(name, (k, text) -> Path.of(text), Optional.empty());
    }

    /** A size in bytes (see {@link Values#size}) within {@code [min, max]}. */
    public static Key<Long> size(String name, long min, long max) {
        return new Key<>(name, (k, text) -> within(k, Values.size(k, text), min, max), Optional.empty());
    }

    /**
     * A duration (see {@link Values#duration}) within {@code [min, max]}; a bare number counts in
     * {@code bareUnit}, the unit the key's name has always carried ({@code ...Ms}, {@code ...S}).
     */
    public static Key<Duration> duration(String name, ChronoUnit bareUnit, Duration min, Duration max) {
        return new Key<>(name, (k, text) -> {
            Duration d = Values.duration(k, text, bareUnit);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new ConfigException(k, "must be within [" + show(min, bareUnit) + ", " + show(max, bareUnit)
                        + "], was '" + text + "'");
            }
            return d;
        }, Optional.empty());
    }

    /** The same key with a default: an absent or blank value means {@code value}. */
    public Key<T> defaultsTo(T value) {
        return new Key<>(name, parser, Optional.of(value));
    }

    public String name() {
        return name;
    }

    public Optional<T> defaultValue() {
        return defaultValue;
    }

    T parse(String text) {
        return parser.apply(name, text);
    }

    @Override
    public String toString() {
        return name;
    }

    static long within(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be within [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    private static String show(Duration d, ChronoUnit unit) {
        return switch (unit) {
            case MILLIS -> d.toMillis() + "ms";
            case SECONDS -> d.toSeconds() + "s";
            case MINUTES -> d.toMinutes() + "m";
            case HOURS -> d.toHours() + "h";
            case DAYS -> d.toDays() + "d";
            default -> d.toString();
        };
    }
}

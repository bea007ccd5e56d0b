package org.carbonkiosk.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of configuration values, the same in every app and every key:
 * <ul>
 *   <li>booleans: {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off}, any case;</li>
 *   <li>durations: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 2h}, {@code 7d}, ISO-8601 ({@code PT5M}),
 *       or a bare integer in the key's own unit ({@code session.pollIntervalMs=100} is 100 ms);</li>
 *   <li>sizes: {@code 512B}, {@code 8KiB}, {@code 64MiB}, {@code 1GiB} (any case), or a bare integer of bytes;</li>
 *   <li>instants: RFC 3339 with an offset ({@code 2026-12-01T08:00:00+08:00}).</li>
 * </ul>
 * Pure parsing, no I/O; every failure is a {@link ConfigException} naming the key.
 */
public final class Values {
    private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h|d)$");
    private static final Pattern SIZE = Pattern.compile("^(\\d+)\\s*(b|kib|mib|gib|tib)$");

    private Values() {
    }

    public static boolean bool(String key, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, "must be true or false (or yes/no, on/off), was '" + text + "'");
        };
    }

    /** A duration; a bare integer counts in {@code bareUnit}. Never negative. */
    public static Duration duration(String key, String text, ChronoUnit bareUnit) {
        String t = text.trim();
        try {
            Duration d;
            Matcher m = DURATION.matcher(t);
            if (t.matches("^\\d+$")) {
                d = Duration.of(Long.parseLong(t), bareUnit);
            } else if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(t);
            }
            if (d.isNegative()) {
                throw new ConfigException(key, "must not be negative, was '" + text + "'");
            }
            return d;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new ConfigException(key, "must be a duration like 500ms, 60s, 5m, 7d or PT5M (a bare number is "
                    + bareUnit.toString().toLowerCase(Locale.ROOT) + "), was '" + text + "'");
        }
    }

    /** A size in bytes: a bare integer, or with a binary unit (B, KiB, MiB, GiB, TiB). */
    public static long size(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("^\\d+$")) {
                return Long.parseLong(t);
            }
            Matcher m = SIZE.matcher(t);
            if (m.matches()) {
                int shift = switch (m.group(2)) {
                    case "b" -> 0;
                    case "kib" -> 10;
                    case "mib" -> 20;
                    case "gib" -> 30;
                    default -> 40;
                };
                return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // too large: reported below
        }
        throw new ConfigException(key, "must be a size like 16777216, 8KiB, 64MiB or 1GiB, was '" + text + "'");
    }

    public static long integer(String key, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer, was '" + text + "'");
        }
    }

    public static double decimal(String key, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a number, was '" + text + "'");
        }
    }

    public static OffsetDateTime instant(String key, String text) {
        try {
            return OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "must be an RFC 3339 date-time with offset, was '" + text + "'");
        }
    }

    /**
     * Checks that {@code text} is a URL with one of {@code schemes} and a host.
     *
     * @throws ConfigException naming the key
     */
    public static String url(String key, String text, List<String> schemes) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(key, "must be a URL with scheme " + schemes + " and a host, was '" + text + "'");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "is not a URL: '" + text + "'");
        }
    }
}

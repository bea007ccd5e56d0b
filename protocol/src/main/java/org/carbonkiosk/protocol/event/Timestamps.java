package org.carbonkiosk.protocol.event;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 3339 timestamps as the protocol writes them: offset required, milliseconds. */
public final class Timestamps {
    /** The zone whose calendar months the credit rule counts in. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    /** The shape {@link #parse} accepts (documentation; parse checks it by hand). */
    public static final Pattern RFC3339_PATTERN = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");

    private Timestamps() {
    }

    /** Writes {@code 2026-11-21T09:12:33.120+08:00} (always three fraction digits, offset as given). */
    public static String format(OffsetDateTime time) {
        return WRITE.format(time);
    }

    /**
     * Parses an RFC 3339 date-time with an offset: {@code yyyy-MM-ddTHH:mm:ss}, an optional
     * fraction of 1 to 9 digits, then {@code Z} or {@code +HH:MM}/{@code -HH:MM} (upper-case T and
     * Z; no leap second; fields validated strictly). Empty when the text is not one.
     * Written by hand (same rule as {@link #RFC3339_PATTERN} plus strict field checks): it runs
     * for every received event and {@code DateTimeFormatter} parsing costs several microseconds.
     */
    public static Optional<OffsetDateTime> parse(String text) {
        if (text == null || text.length() < 20 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return Optional.empty();
        }
        int i = 19;
        int nanos = 0;
        int n = text.length();
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                nanos = nanos * 10 + (text.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return Optional.empty();
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i >= n) {
            return Optional.empty();
        }
        try {
            ZoneOffset offset;
            char c = text.charAt(i);
            if (c == 'Z' && i + 1 == n) {
                offset = ZoneOffset.UTC;
            } else if ((c == '+' || c == '-') && i + 6 == n && text.charAt(i + 3) == ':') {
                int hh = digits(text, i + 1, 2);
                int mm = digits(text, i + 4, 2);
                if (hh < 0 || mm < 0 || mm > 59) {
                    return Optional.empty();
                }
                int sign = c == '+' ? 1 : -1;
                offset = ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
            } else {
                return Optional.empty();
            }
            return Optional.of(OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset));
        } catch (DateTimeException e) {
            return Optional.empty(); // a field out of range: month 13, February 30, hour 24, second 60, offset > 18 h
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

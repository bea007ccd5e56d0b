package org.carbonkiosk.protocol.event;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 3339 timestamps as the protocol writes them: offset required, milliseconds. */
public final class Timestamps {
    /** The zone whose calendar months the credit rule counts in. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");

    private Timestamps() {
    }

    /** Writes {@code 2026-11-21T09:12:33.120+08:00} (always three fraction digits, offset as given). */
    public static String format(OffsetDateTime time) {
        return WRITE.format(time);
    }

    /** Parses an RFC 3339 date-time with an offset (upper-case T and Z); empty when not one. */
    public static Optional<OffsetDateTime> parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

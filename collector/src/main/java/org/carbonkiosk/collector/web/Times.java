package org.carbonkiosk.collector.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.carbonkiosk.protocol.event.Timestamps;

/** Times as operators in Wuhan read them: Beijing time, to the second. */
final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    static String of(Instant t) {
        return FORMAT.format(t.atZone(Timestamps.SHANGHAI));
    }

    static String of(OffsetDateTime t) {
        return of(t.toInstant());
    }

    /**
     * A browser's {@code datetime-local} value ({@code 2026-11-21T16:05}, Beijing time as the operator
     * typed it) as RFC 3339 with the +08:00 offset; empty when it does not parse.
     */
    static Optional<String> shanghaiLocal(String value) {
        try {
            return Optional.of(Timestamps.format(LocalDateTime.parse(value).atZone(Timestamps.SHANGHAI)
                    .toOffsetDateTime()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An RFC 3339 text (with offset or Z) in Beijing time; the text itself when it does not parse. */
    static String of(String rfc3339) {
        try {
            return of(OffsetDateTime.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return rfc3339;
        }
    }
}

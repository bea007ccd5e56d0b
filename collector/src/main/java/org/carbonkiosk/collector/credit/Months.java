package org.carbonkiosk.collector.credit;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * Calendar months in Asia/Shanghai, and when a month is still "open": until the late-arrival
 * window (default 7 days) after its end. The same window decides {@code stale}.
 */
public final class Months {
    private Months() {
    }

    public static YearMonth of(Instant instant) {
        return YearMonth.from(instant.atZone(Timestamps.SHANGHAI));
    }

    /** The first instant after the month, in Asia/Shanghai. */
    public static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(Timestamps.SHANGHAI).toInstant();
    }

    /** True while {@code now} is before the month's end plus the late-arrival window. */
    public static boolean isOpen(YearMonth month, Instant now, Duration lateWindow) {
        return now.isBefore(end(month).plus(lateWindow));
    }
}

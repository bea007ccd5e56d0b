package org.carbonkiosk.collector.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class MonthsTest {
    @Test
    void of_shanghaiMonthBoundary_splitsAtLocalMidnight() {
        assertThat(Months.of(OffsetDateTime.parse("2026-11-30T23:59:59+08:00").toInstant()))
                .isEqualTo(YearMonth.of(2026, 11));
        assertThat(Months.of(OffsetDateTime.parse("2026-12-01T00:00:00+08:00").toInstant()))
                .isEqualTo(YearMonth.of(2026, 12));
        assertThat(Months.of(Instant.parse("2026-11-30T16:00:00Z"))).isEqualTo(YearMonth.of(2026, 12));
        assertThat(Months.of(Instant.parse("2026-11-30T15:59:59Z"))).isEqualTo(YearMonth.of(2026, 11));
    }

    @Test
    void isOpen_lateWindowAfterMonthEnd_closesAfterSevenDays() {
        YearMonth nov = YearMonth.of(2026, 11);
        Duration week = Duration.ofDays(7);
        assertThat(Months.isOpen(nov, Instant.parse("2026-12-07T15:59:59Z"), week)).isTrue();
        assertThat(Months.isOpen(nov, Instant.parse("2026-12-07T16:00:00Z"), week)).isFalse();
    }
}

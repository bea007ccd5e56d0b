package org.carbonkiosk.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @Test
    void format_writesMillisecondsAndTheOffsetAsGiven() {
        assertThat(Timestamps.format(OffsetDateTime.of(2026, 11, 21, 9, 12, 33, 120_456_789, ZoneOffset.ofHours(8))))
                .isEqualTo("2026-11-21T09:12:33.120+08:00");
        assertThat(Timestamps.format(OffsetDateTime.of(2026, 11, 30, 16, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("2026-11-30T16:00:00.000Z");
    }

    @Test
    void parse_formatted_roundTrips() {
        OffsetDateTime t = OffsetDateTime.of(2026, 2, 28, 23, 59, 59, 999_000_000, ZoneOffset.ofHoursMinutes(-3, -30));
        assertThat(Timestamps.parse(Timestamps.format(t))).contains(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T09:12:33+08:00", "2026-11-21T09:12:33.1+08:00",
            "2026-11-21T09:12:33.123456789Z", "2026-11-21T09:12:33.120-00:00", "2026-11-21T09:12:33+18:00",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-18:00"})
    void parse_rfc3339WithOffset_accepted(String text) {
        assertThat(Timestamps.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T09:12:33.120", "2026-11-21t09:12:33.120+08:00", "2026-11-21T09:12:33.120z",
            "2026-11-21 09:12:33.120+08:00", "2026-11-21T09:12:33.1234567890Z", "2026-11-21T09:12:33.+08:00",
            "2026-11-21T09:12:33.120+0800", "2026-11-21T09:12:33.120+08", "2026-02-30T09:12:33Z",
            "2026-11-21T24:00:00Z", "2026-12-31T23:59:60Z", "+12026-11-21T09:12:33Z", "2026-11-21", "",
            "2026-11-21T09:12:33+18:01", "2026-11-21T09:12:33+08:60", "2026-11-21T09:12:33+8:00",
            "2026-11-21T09:12:33Z ", "2026-11-21T09:12:33.120+08:00Z", "\u0662026-11-21T09:12:33Z",
            "2026-11-21T09:12:33.-1Z", "2026-1-021T09:12:33Z"})
    void parse_notStrictRfc3339WithOffset_refused(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @Test
    void parse_fractionDigits_scaleToNanoseconds() {
        assertThat(Timestamps.parse("2026-11-21T09:12:33.1Z").orElseThrow().getNano()).isEqualTo(100_000_000);
        assertThat(Timestamps.parse("2026-11-21T09:12:33.000000007Z").orElseThrow().getNano()).isEqualTo(7);
        assertThat(Timestamps.parse("2026-11-21T09:12:33.120-03:30").orElseThrow())
                .isEqualTo(OffsetDateTime.of(2026, 11, 21, 9, 12, 33, 120_000_000, ZoneOffset.ofHoursMinutes(-3, -30)));
    }

    @Test
    void shanghai_monthOfTheContractsBoundaryInstant_isDecember() {
        OffsetDateTime t = Timestamps.parse("2026-11-30T16:00:00Z").orElseThrow();
        assertThat(t.atZoneSameInstant(Timestamps.SHANGHAI).getMonthValue()).isEqualTo(12);
    }
}

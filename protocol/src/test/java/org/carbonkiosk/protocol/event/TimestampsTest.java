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
    void parse_agreesWithRegexPlusIsoFormatterOnMutatedTimestamps() {
        // the reference: the RFC 3339 shape, then java.time's strict ISO parser
        java.util.function.Function<String, java.util.Optional<OffsetDateTime>> reference = text -> {
            if (!Timestamps.RFC3339_PATTERN.matcher(text).matches()) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(OffsetDateTime.parse(text,
                        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            } catch (java.time.format.DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        };
        java.util.Random random = new java.util.Random(11);
        String[] seeds = {"2026-11-21T09:12:33.120+08:00", "2024-02-29T23:59:59Z", "2026-12-31T00:00:00.123456789-18:00"};
        String alphabet = "0123456789-+:.TZtz 9";
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder(seeds[i % seeds.length]);
            for (int e = random.nextInt(3); e >= 0; e--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = b.toString();
            java.util.Optional<OffsetDateTime> ours = Timestamps.parse(text);
            assertThat(ours).as(text).isEqualTo(reference.apply(text));
            accepted += ours.isPresent() ? 1 : 0;
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void shanghai_monthOfTheContractsBoundaryInstant_isDecember() {
        OffsetDateTime t = Timestamps.parse("2026-11-30T16:00:00Z").orElseThrow();
        assertThat(t.atZoneSameInstant(Timestamps.SHANGHAI).getMonthValue()).isEqualTo(12);
    }
}

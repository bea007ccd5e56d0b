package org.carbonkiosk.simulator.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.carbonkiosk.protocol.event.Timestamps;

class SimClockTest {
    private static final Instant START = Instant.parse("2026-11-16T00:00:00Z");

    @Test
    void instant_startsAtTheGivenInstantAndTicks() {
        SimClock clock = SimClock.startingAt(START, Timestamps.SHANGHAI);

        Instant first = clock.instant();
        Instant second = clock.instant();

        assertThat(first).isBetween(START, START.plusSeconds(60));
        assertThat(second).isAfterOrEqualTo(first);
    }

    @Test
    void advanceTo_jumpsForwardAcrossAMonthBoundary() {
        SimClock clock = SimClock.startingAt(START, Timestamps.SHANGHAI);
        Instant december = ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, Timestamps.SHANGHAI).toInstant();

        clock.advanceTo(december);

        assertThat(clock.instant()).isBetween(december, december.plusSeconds(60));
        assertThat(ZonedDateTime.now(clock).getMonthValue()).isEqualTo(12);
    }

    @Test
    void advanceTo_thePast_doesNotGoBack() {
        SimClock clock = SimClock.startingAt(START, Timestamps.SHANGHAI);
        clock.advanceBy(Duration.ofDays(3));

        clock.advanceTo(START.plus(Duration.ofDays(1)));

        assertThat(clock.instant()).isAfterOrEqualTo(START.plus(Duration.ofDays(3)));
        assertThatThrownBy(() -> clock.advanceBy(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withZone_sharesTheSameTime() {
        SimClock clock = SimClock.startingAt(START, Timestamps.SHANGHAI);
        var utc = clock.withZone(ZoneId.of("UTC"));

        clock.advanceBy(Duration.ofDays(10));

        assertThat(utc.instant()).isAfterOrEqualTo(START.plus(Duration.ofDays(10)));
        assertThat(utc.getZone()).isEqualTo(ZoneId.of("UTC"));
    }
}

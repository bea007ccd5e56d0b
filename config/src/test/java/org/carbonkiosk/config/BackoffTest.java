package org.carbonkiosk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delayMs_doublesFromFirstAndStopsAtMax() {
        Backoff b = new Backoff(Duration.ofSeconds(60), Duration.ofMinutes(15));

        assertThat(b.delayMs(1)).isEqualTo(60_000);
        assertThat(b.delayMs(2)).isEqualTo(120_000);
        assertThat(b.delayMs(4)).isEqualTo(480_000);
        assertThat(b.delayMs(5)).isEqualTo(900_000);
        assertThat(b.delayMs(1000)).isEqualTo(900_000);
    }

    @Test
    void jitteredDelayMs_staysBetweenHalfAndAllOfTheDelayAndVaries() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        SplittableRandom random = new SplittableRandom(7);

        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            long d = b.jitteredDelayMs(3, random);
            assertThat(d).isBetween(2_000L, 4_000L);
            seen.add(d);
        }
        assertThat(seen).hasSizeGreaterThan(50);
        assertThat(b.jitteredDelayMs(100, random)).isBetween(30_000L, 60_000L);
    }

    @Test
    void constructor_maxBelowFirst_isRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

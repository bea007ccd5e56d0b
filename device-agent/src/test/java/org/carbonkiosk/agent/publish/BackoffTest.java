package org.carbonkiosk.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}

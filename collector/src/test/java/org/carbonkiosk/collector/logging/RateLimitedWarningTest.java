package org.carbonkiosk.collector.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitedWarningTest {
    @Test
    void warn_aBurst_writesOneLineAndCountsAll() {
        RateLimitedWarning w = new RateLimitedWarning("broker sent past the receive maximum", Duration.ofHours(1));
        int lines = 0;
        for (int i = 0; i < 10_000; i++) {
            lines += w.warn("message " + i) ? 1 : 0;
        }
        assertThat(lines).isEqualTo(1);
        assertThat(w.total()).isEqualTo(10_000);
    }

    @Test
    void warn_afterThePeriod_writesAgain() {
        RateLimitedWarning w = new RateLimitedWarning("receipt queue full", Duration.ZERO);
        assertThat(w.warn("a")).isTrue();
        assertThat(w.warn("b")).isTrue();
    }
}

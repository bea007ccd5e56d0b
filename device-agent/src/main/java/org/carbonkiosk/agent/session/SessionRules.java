package org.carbonkiosk.agent.session;

import java.time.Duration;

/**
 * The timing and stability rules of a deposit session, in milliseconds.
 *
 * @param settleBandGrams readings whose max - min is within this band are stable
 * @param settleCount     this many consecutive stable readings settle a weight
 * @param serviceDoorCloseTimeoutMs the doorCloseTimeoutMs of a service card's session (emptying takes longer)
 */
public record SessionRules(int settleBandGrams, int settleCount, long settleTimeoutMs, long doorOpenTimeoutMs,
                           long doorCloseTimeoutMs, long receiptWaitMs, long serviceDoorCloseTimeoutMs) {

    public SessionRules {
        if (settleCount < 1) {
            throw new IllegalArgumentException("settleCount must be at least 1");
        }
    }

    public static SessionRules of(SessionTiming s) {
        return new SessionRules(s.settleBandGrams(), s.settleCount(), ms(s.settleTimeout()), ms(s.doorOpenTimeout()),
                ms(s.doorCloseTimeout()), ms(s.receiptWait()), ms(s.serviceDoorCloseTimeout()));
    }

    private static long ms(Duration d) {
        return d.toMillis();
    }
}

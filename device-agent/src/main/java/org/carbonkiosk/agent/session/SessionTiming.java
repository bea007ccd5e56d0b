package org.carbonkiosk.agent.session;

import java.time.Duration;

/**
 * Deposit session timing: {@code session.*}.
 *
 * @param pollInterval      how often the hardware is read
 * @param settleBandGrams   readings within this band (max - min) count as stable
 * @param settleCount       this many consecutive stable readings settle the weight
 * @param settleTimeout     the longest wait for a stable tare or gross
 * @param doorOpenTimeout   after unlocking, the longest wait for the door to open (else: nothing deposited)
 * @param doorCloseTimeout  the longest the door may stay open before the kiosk weighs anyway
 * @param receiptWait       how long the resident is shown "waiting" before "will be credited when back online"
 * @param blockedCardMemory how long a card answered {@code card-blocked} is refused at the reader
 * @param serviceDoorCloseTimeout the longest a service card's session may keep the door open (emptying the bin)
 */
public record SessionTiming(Duration pollInterval, int settleBandGrams, int settleCount, Duration settleTimeout,
                            Duration doorOpenTimeout, Duration doorCloseTimeout, Duration receiptWait,
                            Duration blockedCardMemory, Duration serviceDoorCloseTimeout) {
}

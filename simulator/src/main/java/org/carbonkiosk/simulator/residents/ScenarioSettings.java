package org.carbonkiosk.simulator.residents;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The shape of a simulated month.
 *
 * @param kiosks            how many kiosks (every fifth one a claw kiosk)
 * @param residents         how many residents (accounts)
 * @param start             first day, Asia/Shanghai local time (midnight)
 * @param days              how many days to run (a month that crosses a month boundary is the point)
 * @param firstHour         the first hour of the day with deposits
 * @param lastHour          the last hour of the day with deposits
 * @param offlineKiosks     kiosks that lose their uplink for some hours
 * @param brokerRestart     stop and start the broker once, mid-run
 * @param ledgerDown        the ledger is down for this long (simulated time), zero for never
 * @param ledgerErrorRate   share of ledger calls answered 500
 * @param ledgerTimeoutRate share of ledger calls stored but answered with a timeout
 * @param fraud             run the fraud attempts
 */
public record ScenarioSettings(int kiosks, int residents, LocalDateTime start, int days, int firstHour, int lastHour,
                               int offlineKiosks, boolean brokerRestart, Duration ledgerDown, double ledgerErrorRate,
                               double ledgerTimeoutRate, boolean fraud, long seed) {

    public ScenarioSettings {
        if (kiosks < 1 || residents < 1 || days < 1) {
            throw new IllegalArgumentException("at least one kiosk, one resident and one day");
        }
        if (firstHour < 0 || lastHour > 23 || firstHour > lastHour) {
            throw new IllegalArgumentException("hours must satisfy 0 <= first <= last <= 23");
        }
    }

    /** The demo: 20 kiosks, 220 residents, 2026-11-16 to 2026-12-15, every fault. */
    public static ScenarioSettings demo(long seed) {
        return new ScenarioSettings(20, 220, LocalDateTime.of(2026, 11, 16, 0, 0), 30, 7, 21, 3, true,
                Duration.ofHours(20), 0.05, 0.03, true, seed);
    }

    /** A small run across the November/December boundary, for tests. */
    public static ScenarioSettings small(long seed) {
        return new ScenarioSettings(3, 12, LocalDateTime.of(2026, 11, 28, 0, 0), 5, 8, 20, 0, false,
                Duration.ZERO, 0, 0, true, seed);
    }

    public ScenarioSettings withFaults(int offline, boolean restart, Duration down, double errorRate, double timeoutRate) {
        return new ScenarioSettings(kiosks, residents, start, days, firstHour, lastHour, offline, restart, down,
                errorRate, timeoutRate, fraud, seed);
    }

    public ScenarioSettings withSize(int kioskCount, int residentCount, int dayCount) {
        return new ScenarioSettings(kioskCount, residentCount, start, dayCount, firstHour, lastHour, offlineKiosks,
                brokerRestart, ledgerDown, ledgerErrorRate, ledgerTimeoutRate, fraud, seed);
    }
}

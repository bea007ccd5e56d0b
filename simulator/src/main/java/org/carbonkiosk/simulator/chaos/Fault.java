package org.carbonkiosk.simulator.chaos;

import java.time.Duration;
import java.time.Instant;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * One fault a {@link ChaosSchedule} drew: what, when (Asia/Shanghai), on which kiosk (-1 for
 * the whole system) and for how long (zero when it is a moment).
 */
public record Fault(Kind kind, Instant at, int kiosk, Duration lasting) {

    /** The faults the chaos run drives, each for real on the running system. */
    public enum Kind {
        LINK_CUT_MINUTES,
        LINK_CUT_HOURS,
        LINK_CUT_DAYS_ACROSS_MONTH_END,
        AGENT_KILLED_BEFORE_COMMIT,
        AGENT_KILLED_AFTER_COMMIT,
        AGENT_KILLED_AFTER_PUBACK,
        COLLECTOR_KILLED_AFTER_COMMIT,
        BROKER_RESET_LOSING_SESSIONS,
        LEDGER_OUTAGE,
        LEDGER_ERRORS,
        LEDGER_TIMEOUTS_AFTER_STORE,
        KEY_ROTATED_WITH_EVENTS_QUEUED,
        KIOSK_DISK_FULL
    }

    /** One line, e.g. {@code LINK_CUT_HOURS kiosk 1 at 2026-11-29T09:00 for PT5H}. */
    public String describe() {
        return kind + (kiosk >= 0 ? " kiosk " + kiosk : "")
                + " at " + at.atZone(Timestamps.SHANGHAI).toLocalDateTime()
                + (lasting.isZero() ? "" : " for " + lasting);
    }
}

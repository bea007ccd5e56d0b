package org.carbonkiosk.collector.integrity;

import java.util.Objects;

/**
 * A kiosk put under review: its deposits are held ({@code kiosk-flagged}) until the flag is cleared.
 *
 * @param reason why, in words (an operator's note, or the mass balance that was out of tolerance)
 * @param by     who flagged it: an API token's name, or {@value #BY_MASS_BALANCE}
 * @param at     when (RFC 3339)
 */
public record KioskFlag(String reason, String by, String at) {
    /** The {@code by} of a flag the collector raised itself because the mass balance was out of tolerance. */
    public static final String BY_MASS_BALANCE = "mass-balance";

    public KioskFlag {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}

package org.carbonkiosk.collector.credit;

import java.time.Instant;
import java.util.Objects;
import org.carbonkiosk.protocol.message.Decision;
import org.carbonkiosk.protocol.message.Reason;

/**
 * One version of the credit rule (PROTOCOL.md section 1). Pure: no I/O, no clock.
 *
 * @param version            recorded with every decision, e.g. {@code wuhan-recycling-2025}
 * @param effectiveFrom      the first instant (of an event's attribution time) this version applies to
 * @param gramsPerKg         grams CO2e earned per kg recycled (1500)
 * @param perDepositCapGrams at most this much per deposit (1500)
 * @param monthlyCapGrams    at most this much per account and month (4500)
 * @param monthlyCountLimit  at most this many credited deposits per account and month; 0 = off
 * @param minNetGrams        below this net weight: no credit ({@code below-minimum}) (50)
 * @param maxNetGrams        above this net weight: held ({@code implausible-weight}) (30000)
 */
public record CreditRule(String version, Instant effectiveFrom, int gramsPerKg, int perDepositCapGrams,
                         int monthlyCapGrams, int monthlyCountLimit, int minNetGrams, int maxNetGrams) {

    public static final String DEFAULT_VERSION = "wuhan-recycling-2025";

    public CreditRule {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (version.isBlank() || gramsPerKg < 0 || perDepositCapGrams < 0 || monthlyCapGrams < 0
                || monthlyCountLimit < 0 || minNetGrams < 0 || maxNetGrams < minNetGrams) {
            throw new IllegalArgumentException("invalid credit rule " + version);
        }
    }

    /** The published Wuhan rule with its defaults, effective since the epoch. */
    public static CreditRule defaults() {
        return new CreditRule(DEFAULT_VERSION, Instant.EPOCH, 1500, 1500, 4500, 0, 50, 30_000);
    }

    /** The decision that does not depend on the account's month: held or below minimum, if any. */
    public java.util.Optional<Decision> screen(int netGrams) {
        if (netGrams > maxNetGrams) {
            return java.util.Optional.of(Decision.held(Reason.IMPLAUSIBLE_WEIGHT));
        }
        if (netGrams < minNetGrams) {
            return java.util.Optional.of(Decision.creditedNothing(Reason.BELOW_MINIMUM));
        }
        return java.util.Optional.empty();
    }

    /** The full rule for a deposit of {@code netGrams}, given what the account earned so far this month. */
    public Decision decide(int netGrams, MonthTotals soFar) {
        return decide(netGrams, soFar, false);
    }

    /**
     * As {@link #decide(int, MonthTotals)}; {@code weightReviewed}: an operator confirmed a weight
     * over the plausible maximum, so it is credited (within the caps) instead of held.
     */
    public Decision decide(int netGrams, MonthTotals soFar, boolean weightReviewed) {
        java.util.Optional<Decision> screened = screen(netGrams);
        if (screened.isPresent() && !(weightReviewed && netGrams > maxNetGrams)) {
            return screened.get();
        }
        if (monthlyCountLimit > 0 && soFar.countedDeposits() >= monthlyCountLimit) {
            return Decision.creditedNothing(Reason.CAP_REACHED);
        }
        long raw = (long) netGrams * gramsPerKg / 1000;
        long credit = Math.min(raw, Math.min(perDepositCapGrams, (long) monthlyCapGrams - soFar.creditedGrams()));
        if (credit <= 0) {
            return Decision.creditedNothing(Reason.CAP_REACHED);
        }
        return Decision.credited((int) credit);
    }
}

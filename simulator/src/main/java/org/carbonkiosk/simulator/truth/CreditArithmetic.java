package org.carbonkiosk.simulator.truth;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * The simulator's own few lines of the credit rule, written from PROTOCOL.md section 1 and
 * deliberately independent of the collector's code: it is the ground truth the collector is
 * checked against. Defaults of the rule: 1500 g CO2e per kg, at most 1500 g per deposit and
 * 4500 g per account and natural month in Asia/Shanghai, no credit under 50 g net, held over
 * 30 000 g net.
 */
public final class CreditArithmetic {
    public static final int GRAMS_PER_KG = 1500;
    public static final int PER_DEPOSIT_CAP = 1500;
    public static final int MONTHLY_CAP = 4500;
    public static final int MIN_NET_GRAMS = 50;
    public static final int MAX_NET_GRAMS = 30_000;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withZone(Timestamps.SHANGHAI);

    private CreditArithmetic() {
    }

    /** What one deposit does to an account's month, given what the month already holds. */
    public enum Kind { CREDITED, BELOW_MINIMUM, CAP_REACHED, HELD }

    /** @param grams the credit of this deposit (0 unless CREDITED) */
    public record Outcome(Kind kind, int grams) {
    }

    /** The calendar month ({@code yyyy-MM}) an instant belongs to, in Asia/Shanghai. */
    public static String monthOf(Instant instant) {
        return MONTH.format(instant);
    }

    /** The credit of a deposit of {@code netGrams} into a month that has {@code creditedSoFar}. */
    public static Outcome deposit(int netGrams, long creditedSoFar) {
        if (netGrams > MAX_NET_GRAMS) {
            return new Outcome(Kind.HELD, 0);
        }
        if (netGrams < MIN_NET_GRAMS) {
            return new Outcome(Kind.BELOW_MINIMUM, 0);
        }
        long raw = (long) netGrams * GRAMS_PER_KG / 1000;
        long credit = Math.max(0, Math.min(Math.min(raw, PER_DEPOSIT_CAP), MONTHLY_CAP - creditedSoFar));
        return credit > 0 ? new Outcome(Kind.CREDITED, (int) credit) : new Outcome(Kind.CAP_REACHED, 0);
    }
}

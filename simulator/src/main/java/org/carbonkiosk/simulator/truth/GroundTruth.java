package org.carbonkiosk.simulator.truth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carbonkiosk.simulator.AccountMonth;

/**
 * The simulator's record of what residents really put into the kiosks, and what each account
 * must therefore have been credited per month. Deposits on a card that is never bound to its
 * account earn nothing (they stay held); everything else counts in the month of the deposit.
 * The monthly cap makes the total independent of the order the collector sees deposits in:
 * it is min(sum of per-deposit credits, 4500).
 */
public final class GroundTruth {
    private final Object lock = new Object();
    private final Map<AccountMonth, Long> expected = new TreeMap<>();
    private final Map<AccountMonth, Integer> deposits = new TreeMap<>();
    private final List<Recorded> recorded = new ArrayList<>();

    /**
     * One real deposit.
     *
     * @param counted false for a card that is never bound (held for good)
     */
    public record Recorded(String account, String deviceId, Instant at, int netGrams, boolean counted,
                           CreditArithmetic.Outcome outcome) {
    }

    /** Records a deposit of {@code netGrams} by {@code account}'s resident at {@code at}; returns its outcome. */
    public CreditArithmetic.Outcome record(String account, String deviceId, Instant at, int netGrams, boolean counted) {
        AccountMonth key = new AccountMonth(account, CreditArithmetic.monthOf(at));
        synchronized (lock) {
            deposits.merge(key, 1, Integer::sum);
            CreditArithmetic.Outcome outcome = counted
                    ? CreditArithmetic.deposit(netGrams, expected.getOrDefault(key, 0L))
                    : new CreditArithmetic.Outcome(CreditArithmetic.Kind.HELD, 0);
            expected.merge(key, (long) outcome.grams(), Long::sum);
            recorded.add(new Recorded(account, deviceId, at, netGrams, counted, outcome));
            return outcome;
        }
    }

    /** Expected credit per account-month, including months that earned 0 g. */
    public Map<AccountMonth, Long> expected() {
        synchronized (lock) {
            return new TreeMap<>(expected);
        }
    }

    public Map<AccountMonth, Integer> depositCounts() {
        synchronized (lock) {
            return new TreeMap<>(deposits);
        }
    }

    public List<Recorded> recorded() {
        synchronized (lock) {
            return List.copyOf(recorded);
        }
    }
}

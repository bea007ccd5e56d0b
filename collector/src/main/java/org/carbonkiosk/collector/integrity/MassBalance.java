package org.carbonkiosk.collector.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kiosk's mass balance (PROTOCOL.md v1.1 section 6): for each period between two emptyings,
 * the net grams its deposits reported against what its {@code bin-emptied} event removed and what
 * the hauler's scale weighed. Three weighings by two scales: a kiosk inventing deposits, or items
 * taken out of the bin and deposited again, fail the first comparison; a bin scale reading high
 * fails the second. Pure computation.
 */
public final class MassBalance {
    private MassBalance() {
    }

    /**
     * @param before    the emptying before the first of {@code emptyings} (empty: they start with the kiosk's first)
     * @param deposits  the kiosk's deposits after {@code before}, in seq order
     * @param emptyings its emptyings after {@code before}, in seq order: one period each
     * @param pickups   the hauler's weighings; each counts for the emptying nearest to it in time (the
     *                  hauler may weigh the bag before the kiosk's door is closed and the event written)
     */
    public static List<BalancePeriod> periods(Optional<Emptying> before, List<DepositWeight> deposits,
                                              List<Emptying> emptyings, List<Pickup> pickups,
                                              BalanceTolerance tolerance) {
        List<Emptying> candidates = new ArrayList<>();
        before.ifPresent(candidates::add);
        candidates.addAll(emptyings);
        List<BalancePeriod> periods = new ArrayList<>();
        Optional<Emptying> previous = before;
        for (Emptying e : emptyings) {
            periods.add(period(previous, deposits, e, haulerGrams(pickups, e, candidates), tolerance));
            previous = Optional.of(e);
        }
        return periods;
    }

    /**
     * The period that {@code emptying} closes, after {@code previous} (empty: the kiosk's first).
     * The comparisons are the contract's, direct: the deposits' net grams against the removal, the
     * removal against the hauler's weight. No correction by the bin's readings before and after: a
     * kiosk that invents deposits could hide them in those readings, never in the hauler's scale.
     */
    public static BalancePeriod period(Optional<Emptying> previous, List<DepositWeight> deposits, Emptying emptying,
                                       Optional<Long> haulerGrams, BalanceTolerance tolerance) {
        long from = previous.map(Emptying::seq).orElse(0L);
        List<DepositWeight> in = deposits.stream().filter(d -> d.seq() > from && d.seq() < emptying.seq()).toList();
        long net = in.stream().mapToLong(DepositWeight::netGrams).sum();
        boolean kiosk = tolerance.agree(emptying.removedGrams(), net);
        Optional<Boolean> hauler = haulerGrams.map(h -> tolerance.agree(h, emptying.removedGrams()));
        return new BalancePeriod(previous.map(Emptying::seq), emptying, in.size(), net, emptying.removedGrams(),
                haulerGrams, kiosk, hauler);
    }

    private static Optional<Long> haulerGrams(List<Pickup> pickups, Emptying e, List<Emptying> all) {
        List<Pickup> mine = pickups.stream().filter(p -> nearest(p.collectedAt(), all) == e).toList();
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.stream().mapToLong(Pickup::collectedGrams).sum());
    }

    /** The emptying nearest to {@code at}; the earlier one on a tie. */
    static Emptying nearest(Instant at, List<Emptying> emptyings) {
        Emptying best = emptyings.get(0);
        for (Emptying e : emptyings) {
            if (distance(e.at(), at) < distance(best.at(), at)) {
                best = e;
            }
        }
        return best;
    }

    private static long distance(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toMillis());
    }
}

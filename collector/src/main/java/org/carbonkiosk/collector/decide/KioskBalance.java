package org.carbonkiosk.collector.decide;

import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.integrity.KioskFlag;
import org.carbonkiosk.collector.integrity.KioskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.integrity.BalancePeriod;
import org.carbonkiosk.collector.integrity.Emptying;
import org.carbonkiosk.collector.integrity.MassBalance;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.tinylog.Logger;

/**
 * The mass balance in the deciding transaction: an emptying closes a period; when the kiosk's
 * own readings disagree beyond the tolerance, the kiosk is reported (and flagged when configured),
 * so that its next deposits are held before anyone is credited for deposits that did not happen.
 */
public final class KioskBalance {
    private final IntegrityLimits limits;

    KioskBalance(IntegrityLimits limits) {
        this.limits = limits;
    }

    void emptied(DecisionStore store, BinEmptiedEvent b, KioskState kiosk, String at) {
        Instant when = b.occurredAt().toInstant();
        Emptying emptying = new Emptying(b.seq(), b.eventId(), when, b.removedGrams(), b.binGramsAfter());
        List<Emptying> before = store.emptyings(b.deviceId()).stream().filter(e -> e.seq() < b.seq()).toList();
        Optional<Emptying> previous = before.isEmpty() ? Optional.empty() : Optional.of(before.get(before.size() - 1));
        BalancePeriod period = MassBalance.period(previous, store.depositWeights(b.deviceId(),
                previous.map(Emptying::seq).orElse(0L), b.seq()), emptying, Optional.empty(),
                limits.massBalanceTolerance());
        judge(store, b.deviceId(), period, kiosk, at, limits);
    }

    /** Records the period's verdict and flags the kiosk when it is out of tolerance and flagging is on. */
    public static void judge(DecisionStore store, String deviceId, BalancePeriod period, KioskState kiosk, String at,
                      IntegrityLimits limits) {
        boolean ok = period.withinTolerance();
        store.recordBalance(deviceId, ok);
        if (ok) {
            return;
        }
        Logger.warn("deviceId={} mass balance out of tolerance at {}: deposits {} g, removed {} g, hauler {}",
                deviceId, period.emptying().eventId(), period.reportedNetGrams(), period.removedGrams(),
                period.haulerGrams().map(g -> g + " g").orElse("not weighed"));
        if (limits.flagOnImbalance() && kiosk.flag().isEmpty()) {
            store.flagKiosk(deviceId, Optional.of(new KioskFlag("mass balance out of tolerance at "
                    + period.emptying().eventId(), KioskFlag.BY_MASS_BALANCE, at)));
        }
    }
}

package org.carbonkiosk.collector.decide;

import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.collector.integrity.Signal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.MonthTotals;
import org.carbonkiosk.collector.credit.Months;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.store.CardStore;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.Decision;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The deposit half of a decision, in this order: card block list, card to account binding, the
 * kiosk under review, the integrity signals the deposit raised (clone, weight chain), calibration
 * age, clock checks, late arrival, the material's and the rule's plausible weight, then the credit
 * rule against the account's month, locked. Used for new deposits and for held ones decided
 * again. Pure logic over a {@link DecisionStore}.
 */
final class DepositDecider {
    /** Signals that hold a deposit until an operator approves it, whenever it is decided again. */
    private static final Set<Reason> STICKY = Set.of(Reason.CARD_CLONE, Reason.WEIGHT_CHAIN);
    private final RuleVersions rules;
    private final Checks checks;
    private final IntegrityLimits limits;

    DepositDecider(RuleVersions rules, Checks checks, IntegrityLimits limits) {
        this.rules = rules;
        this.checks = checks;
        this.limits = limits;
    }

    /** The instant that decides the month and the rule version: occurredAt, or receive time when not synced. */
    static Instant attributionInstant(DepositEvent d, Instant receivedAt) {
        return d.envelope().clockSynced() ? d.occurredAt().toInstant() : receivedAt;
    }

    /**
     * @param receivedAt when the collector received the event
     * @param now        when it is decided: the month must still be open then
     * @param approved   an operator approved the deposit after review: the kiosk-flagged, integrity,
     *                   calibration, clock, late-arrival and plausible-weight holds are waived (block
     *                   list, binding, minimum weight and caps still apply)
     * @param kiosk      the kiosk's state now
     * @param signals    the integrity signals the deposit raised when it was first decided
     */
    DepositOutcome decide(DecisionStore store, DepositEvent d, Instant receivedAt, Instant now, boolean approved,
                          KioskState kiosk, List<Signal> signals) {
        Instant attribution = attributionInstant(d, receivedAt);
        CreditRule rule = rules.at(attribution);
        Optional<CardStore.CardRecord> card = store.card(d.card());
        if (card.isPresent() && card.get().blocked()) {
            return nothing(Decision.rejected(Reason.CARD_BLOCKED), Optional.empty(), rule);
        }
        Optional<String> account = card.flatMap(CardStore.CardRecord::account);
        if (account.isEmpty()) {
            return nothing(Decision.held(Reason.CARD_UNBOUND), Optional.empty(), rule);
        }
        if (!approved && kiosk.flag().isPresent()) {
            return nothing(Decision.held(Reason.KIOSK_FLAGGED), account, rule);
        }
        Optional<Reason> sticky = signals.stream().map(Signal::reason).filter(STICKY::contains).findFirst();
        if (!approved && sticky.isPresent()) {
            return nothing(Decision.held(sticky.get()), account, rule);
        }
        if (!approved && calibrationTooOld(d, receivedAt)) {
            return nothing(Decision.held(Reason.CALIBRATION_EXPIRED), account, rule);
        }
        if (!approved && d.envelope().clockSynced()
                && d.occurredAt().toInstant().isAfter(receivedAt.plus(checks.maxClockSkew()))) {
            return nothing(Decision.held(Reason.CLOCK_SKEW), account, rule);
        }
        YearMonth month = Months.of(attribution);
        if (!approved && !Months.isOpen(month, now, checks.lateWindow())) {
            return nothing(Decision.held(Reason.STALE), account, rule);
        }
        if (!approved && d.netGrams() > limits.maxNetGrams(d.material())) {
            return nothing(Decision.held(Reason.IMPLAUSIBLE_WEIGHT), account, rule);
        }
        Optional<Decision> screened = rule.screen(d.netGrams());
        if (!approved && screened.isPresent() && screened.get().status() != DecisionStatus.CREDITED) {
            return nothing(screened.get(), account, rule);
        }
        MonthTotals soFar = store.lockMonth(account.get(), month.toString());
        Decision decision = rule.decide(d.netGrams(), soFar, approved);
        MonthTotals after = soFar.plus(decision.creditedGrams());
        store.saveMonth(account.get(), month.toString(), after);
        return new DepositOutcome(decision, account, Optional.of(month.toString()), rule.version(),
                Optional.of(after.creditedGrams()), Optional.of(rule.monthlyCapGrams()));
    }

    private boolean calibrationTooOld(DepositEvent d, Instant receivedAt) {
        return d.calibratedAt().isEmpty() ? checks.calibrationRequired()
                : d.calibratedAt().get().toInstant().plus(checks.calibrationMaxAge()).isBefore(receivedAt);
    }

    private static DepositOutcome nothing(Decision decision, Optional<String> account, CreditRule rule) {
        return new DepositOutcome(decision, account, Optional.empty(), rule.version(), Optional.empty(),
                Optional.empty());
    }
}

package org.carbonkiosk.collector.decide;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
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
 * The deposit half of a decision: card block list, card to account binding, calibration age,
 * clock checks, then the credit rule against the account's month, locked. Used for new
 * deposits and for held ones decided again. Pure logic over a {@link DecisionStore}.
 */
final class DepositDecider {
    private final RuleVersions rules;
    private final Checks checks;

    DepositDecider(RuleVersions rules, Checks checks) {
        this.rules = rules;
        this.checks = checks;
    }

    /** The instant that decides the month and the rule version: occurredAt, or receive time when not synced. */
    static Instant attributionInstant(DepositEvent d, Instant receivedAt) {
        return d.envelope().clockSynced() ? d.occurredAt().toInstant() : receivedAt;
    }

    /**
     * @param receivedAt when the collector received the event
     * @param now        when it is decided: the month must still be open then
     * @param approved   an operator approved the deposit after review: the calibration, clock,
     *                   late-arrival and plausible-weight holds are waived (block list, binding,
     *                   minimum weight and caps still apply)
     */
    DepositOutcome decide(DecisionStore store, DepositEvent d, Instant receivedAt, Instant now, boolean approved) {
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

package org.carbonkiosk.collector.decide;

import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.collector.integrity.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.protocol.message.Decision;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;

/**
 * The decision core: given a screened message and the store's view inside a transaction, it
 * records exactly one decision and says what to answer. Dedupe on eventId (verified events
 * only), retired key versions (rotation plus grace), revocation, seq tracking, the deposit rule, and the ledger outbox row. Held events
 * are decided again through {@link #redecide}, the one path for card binding and review.
 * No I/O of its own and no clock: {@code now} is given.
 */
public final class DecisionCore {
    private final DepositDecider deposits;
    private final IntegritySignals signals;
    private final KioskBalance balance;
    private final RuleVersions rules;
    private final Duration keyRotationGrace;

    public DecisionCore(RuleVersions rules, Checks checks, IntegrityLimits limits) {
        this.rules = rules;
        this.deposits = new DepositDecider(rules, checks, limits);
        this.signals = new IntegritySignals(limits);
        this.balance = new KioskBalance(limits);
        this.keyRotationGrace = checks.keyRotationGrace();
    }

    public Decided decide(DecisionStore store, Screened s, Instant now) {
        if (s instanceof Screened.Refused r) {
            store.recordRejection(new DecisionStore.Rejection(r.topic(), r.receivedAt(), r.reason(), r.detail(),
                    r.eventId(), r.raw()));
            Receipt receipt = new Receipt(r.eventId().orElse(""), DecisionStatus.REJECTED, 0, Optional.empty(),
                    Optional.empty(), Optional.of(r.reason()), false);
            return new Decided(r.eventId(), r.receiptDevice(), receipt, Optional.empty(), false);
        }
        Screened.Verified v = (Screened.Verified) s;
        KioskEvent event = v.decoded().event();
        String eventId = event.eventId();
        Optional<String> device = Optional.of(event.deviceId());
        Optional<StoredEvent> existing = store.event(eventId);
        if (existing.isPresent()) {
            if (existing.get().jws().equals(v.jws())) {
                return new Decided(Optional.of(eventId), device, existing.get().receipt(true), device, false);
            }
            store.recordRejection(new DecisionStore.Rejection(v.topic(), v.receivedAt(), Reason.SEQ_CONFLICT,
                    "same eventId, different content; the original decision stays", Optional.of(eventId), v.raw()));
            return new Decided(Optional.of(eventId), device, new Receipt(eventId, DecisionStatus.REJECTED, 0,
                    Optional.empty(), Optional.empty(), Optional.of(Reason.SEQ_CONFLICT), false), device, false);
        }
        Optional<String> retired = retiredKey(store, v, event);
        if (retired.isPresent()) {
            store.recordRejection(new DecisionStore.Rejection(v.topic(), v.receivedAt(), Reason.REVOKED_DEVICE,
                    retired.get(), Optional.of(eventId), v.raw()));
            return new Decided(Optional.of(eventId), device, new Receipt(eventId, DecisionStatus.REJECTED, 0,
                    Optional.empty(), Optional.empty(), Optional.of(Reason.REVOKED_DEVICE), false), device, false);
        }
        StoredEvent stored = decideNew(store, v, event, now);
        store.recordSeq(event.deviceId(), event.seq());
        store.insertEvent(stored);
        boolean credit = stored.creditedGrams() > 0;
        if (credit) {
            enqueueCredit(store, stored, now);
        }
        return new Decided(Optional.of(eventId), device, stored.receipt(false), device, credit);
    }

    /**
     * Decides a held deposit again, now: from the block list on, against its own month.
     *
     * @param approved an operator approved it after review (see {@link DepositDecider#decide})
     * @return the event with its new decision (unchanged when it is not a held deposit)
     */
    public StoredEvent redecide(DecisionStore store, StoredEvent held, Instant now, boolean approved) {
        if (held.status() != DecisionStatus.HELD || !"deposit".equals(held.type())) {
            return held;
        }
        DepositOutcome outcome = deposits.decide(store, deposit(held), Instant.parse(held.receivedAt()), now,
                approved, store.kiosk(held.deviceId()), store.signals(held.eventId()));
        StoredEvent decided = apply(held, outcome, now.toString());
        store.updateDecision(decided);
        if (decided.creditedGrams() > 0) {
            enqueueCredit(store, decided, now);
        }
        return decided;
    }

    /**
     * An operator rejects a held event after review: rejected, 0 g, the hold's reason kept (so the
     * record says what was wrong). Unchanged when it is not held.
     */
    public StoredEvent reject(DecisionStore store, StoredEvent held, Instant now) {
        if (held.status() != DecisionStatus.HELD) {
            return held;
        }
        StoredEvent rejected = held.decided(now.toString(), DecisionStatus.REJECTED, held.reason(), 0,
                held.account(), held.month(), held.ruleVersion(), Optional.empty(), Optional.empty());
        store.updateDecision(rejected);
        return rejected;
    }

    /**
     * Why the event's key version no longer verifies it: a rotation retired that version, and the
     * event's instant (occurredAt, or the receive time when the kiosk's clock was not synced: the
     * instant its month is attributed by) is after the rotation plus the grace period.
     */
    private Optional<String> retiredKey(DecisionStore store, Screened.Verified v, KioskEvent event) {
        int version = v.decoded().kid().keyVersion();
        Optional<Instant> retiredAt = store.keyRetiredAt(event.deviceId(), version);
        if (retiredAt.isEmpty()) {
            return Optional.empty();
        }
        Instant until = retiredAt.get().plus(keyRotationGrace);
        Instant at = attributionInstant(event, v.receivedAt());
        if (!at.isAfter(until)) {
            return Optional.empty();
        }
        return Optional.of("key version " + version + " retired: rotated at " + retiredAt.get() + ", grace "
                + keyRotationGrace + " ended " + until + "; event at " + at
                + (event.envelope().clockSynced() ? " (occurredAt)" : " (received; clock not synced)"));
    }

    /** The instant an event is judged by: occurredAt, or the receive time when its clock was not synced. */
    private static Instant attributionInstant(KioskEvent event, Instant received) {
        return event instanceof DepositEvent d ? DepositDecider.attributionInstant(d, received)
                : (event.envelope().clockSynced() ? event.occurredAt().toInstant() : received);
    }

    private StoredEvent decideNew(DecisionStore store, Screened.Verified v, KioskEvent event, Instant now) {
        Instant received = v.receivedAt();
        String at = now.toString();
        Optional<String> card = event instanceof DepositEvent d ? Optional.of(d.card()) : Optional.empty();
        Optional<Integer> net = event instanceof DepositEvent d ? Optional.of(d.netGrams()) : Optional.empty();
        Instant attribution = attributionInstant(event, received);
        String ruleVersion = rules.at(attribution).version();
        StoredEvent base = new StoredEvent(event.eventId(), event.deviceId(), event.seq(), event.type().wire(),
                v.jws(), received.toString(), at, DecisionStatus.REJECTED, Optional.of(Reason.REVOKED_DEVICE), 0,
                card, Optional.empty(), Optional.empty(), net, v.occurredAtText(), ruleVersion, Optional.empty(),
                Optional.empty());
        if (store.deviceRevoked(event.deviceId())) {
            return base;
        }
        KioskState kiosk = store.kiosk(event.deviceId());
        if (!(event instanceof DepositEvent d)) {
            signals.track(store, event, kiosk);
            if (event instanceof BinEmptiedEvent b) {
                balance.emptied(store, b, kiosk, at);
            }
            // Claw plays, prizes, emptyings, door and tamper alarms: recorded and audited, never credited.
            Decision recorded = Decision.recorded();
            return base.decided(at, recorded.status(), recorded.reason(), 0, Optional.empty(), Optional.empty(),
                    ruleVersion, Optional.empty(), Optional.empty());
        }
        List<Signal> raised = signals.of(store, d, kiosk);
        signals.track(store, event, kiosk);
        if (!raised.isEmpty()) {
            store.recordSignals(d.eventId(), raised);
        }
        return apply(base, deposits.decide(store, d, received, now, false, kiosk, raised), at);
    }

    private static StoredEvent apply(StoredEvent base, DepositOutcome o, String at) {
        Decision d = o.decision();
        return base.decided(at, d.status(), d.reason(), d.creditedGrams(), o.account(), o.month(), o.ruleVersion(),
                o.monthCredited(), o.monthCap());
    }

    /** The ledger outbox row for a credit above 0 g, in the deciding transaction. */
    private static void enqueueCredit(DecisionStore store, StoredEvent e, Instant now) {
        store.enqueueCredit(new CreditRequest(e.eventId(), e.account().orElseThrow(), e.creditedGrams(),
                e.month().orElseThrow(), e.occurredAt(), e.deviceId(), e.netGrams().orElse(0),
                CreditRequest.SCENARIO, e.ruleVersion(), e.jws()), now);
    }

    private static DepositEvent deposit(StoredEvent held) {
        return (DepositEvent) held.event();
    }
}

package org.carbonkiosk.collector.decide;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.protocol.message.Decision;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;

/**
 * The second half of the decision pipeline, inside one write transaction: dedupe on eventId,
 * revocation, seq tracking, the deposit decision, and the ledger outbox row. Lock order:
 * account month (in {@link DepositDecider}), then device row, then the event row.
 */
public final class Decider {
    private final Store store;
    private final DepositDecider deposits;
    private final RuleVersions rules;
    private final Clock clock;

    public Decider(Store store, DepositDecider deposits, RuleVersions rules, Clock clock) {
        this.store = store;
        this.deposits = deposits;
        this.rules = rules;
        this.clock = clock;
    }

    public Decided decide(Connection c, Screened s) throws SQLException {
        if (s instanceof Screened.Refused r) {
            store.rejections().insert(c, r.topic(), r.receivedAt().toString(), r.reason(), r.detail(), r.eventId(),
                    r.raw());
            Receipt receipt = new Receipt(r.eventId().orElse(""), DecisionStatus.REJECTED, 0, Optional.empty(),
                    Optional.empty(), Optional.of(r.reason()), false);
            return new Decided(r.eventId(), r.receiptDevice(), receipt);
        }
        Screened.Verified v = (Screened.Verified) s;
        KioskEvent event = v.decoded().event();
        String eventId = event.eventId();
        Optional<String> device = Optional.of(event.deviceId());
        Optional<StoredEvent> existing = store.events().find(c, eventId);
        if (existing.isPresent()) {
            if (existing.get().jws().equals(v.jws())) {
                return new Decided(Optional.of(eventId), device, existing.get().receipt(true));
            }
            store.rejections().insert(c, v.topic(), v.receivedAt().toString(), Reason.SEQ_CONFLICT,
                    "same eventId, different content; the original decision stays", Optional.of(eventId), v.raw());
            return new Decided(Optional.of(eventId), device, new Receipt(eventId, DecisionStatus.REJECTED, 0,
                    Optional.empty(), Optional.empty(), Optional.of(Reason.SEQ_CONFLICT), false));
        }
        StoredEvent stored = decideNew(c, v, event);
        store.devices().recordSeq(c, event.deviceId(), event.seq());
        if (!store.events().insert(c, stored)) {
            // Another collector decided this eventId in a concurrent transaction: run again, find it.
            throw new SQLException("event " + eventId + " decided concurrently", "40001");
        }
        if (stored.creditedGrams() > 0) {
            enqueueCredit(c, stored, v.occurredAtText());
        }
        return new Decided(Optional.of(eventId), device, stored.receipt(false));
    }

    private StoredEvent decideNew(Connection c, Screened.Verified v, KioskEvent event) throws SQLException {
        Instant received = v.receivedAt();
        String at = clock.instant().toString();
        Optional<String> card = event instanceof DepositEvent d ? Optional.of(d.card()) : Optional.empty();
        Optional<Integer> net = event instanceof DepositEvent d ? Optional.of(d.netGrams()) : Optional.empty();
        StoredEvent base = new StoredEvent(event.eventId(), event.deviceId(), event.seq(), event.type().wire(),
                v.jws(), received.toString(), at, DecisionStatus.REJECTED, Optional.of(Reason.REVOKED_DEVICE), 0,
                card, Optional.empty(), Optional.empty(), net, v.occurredAtText(), "", Optional.empty(),
                Optional.empty());
        Instant attribution = event instanceof DepositEvent d ? DepositDecider.attributionInstant(d, received)
                : (event.envelope().clockSynced() ? event.occurredAt().toInstant() : received);
        String ruleVersion = rules.at(attribution).version();
        if (store.devices().isRevoked(c, event.deviceId())) {
            return base.decided(at, DecisionStatus.REJECTED, Optional.of(Reason.REVOKED_DEVICE), 0, Optional.empty(),
                    Optional.empty(), ruleVersion, Optional.empty(), Optional.empty());
        }
        if (!(event instanceof DepositEvent d)) {
            // Claw plays, prizes, door and tamper alarms: recorded and audited, never credited
            // (Decision.recorded(): credited, 0 g, no reason).
            Decision recorded = Decision.recorded();
            return base.decided(at, recorded.status(), recorded.reason(), 0, Optional.empty(), Optional.empty(),
                    ruleVersion, Optional.empty(), Optional.empty());
        }
        return apply(base, deposits.decide(c, d, received, received), at);
    }

    /** A stored event with a deposit outcome applied. */
    static StoredEvent apply(StoredEvent base, DepositOutcome o, String at) {
        Decision d = o.decision();
        return base.decided(at, d.status(), d.reason(), d.creditedGrams(), o.account(), o.month(), o.ruleVersion(),
                o.monthCredited(), o.monthCap());
    }

    /** Writes the ledger outbox row for a credit above 0 g (same transaction as the decision). */
    void enqueueCredit(Connection c, StoredEvent e, String occurredAtText) throws SQLException {
        CreditRequest request = new CreditRequest(e.eventId(), e.account().orElseThrow(), e.creditedGrams(),
                e.month().orElseThrow(), occurredAtText, e.deviceId(), e.netGrams().orElse(0),
                CreditRequest.SCENARIO, e.ruleVersion(), e.jws());
        store.outbox().enqueue(c, e.eventId(), e.account().orElseThrow(),
                new String(request.encode(), java.nio.charset.StandardCharsets.UTF_8), System.currentTimeMillis(),
                clock.instant().toString());
    }
}

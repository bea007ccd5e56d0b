package org.carbonkiosk.collector.decide;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.tinylog.Logger;

/**
 * Operator review of a held deposit: decide it again now (its cause may be gone, e.g. the card
 * was bound), or approve it (calibration, clock, late-arrival and plausible-weight holds waived).
 */
public final class HeldReview {
    private final Store store;
    private final DepositDecider deposits;
    private final Decider decider;
    private final Clock clock;

    public HeldReview(Store store, DepositDecider deposits, Decider decider, Clock clock) {
        this.store = store;
        this.deposits = deposits;
        this.decider = decider;
        this.clock = clock;
    }

    /** The event's new decision; empty when there is no such event; unchanged when it is not held. */
    public Optional<StoredEvent> review(Connection c, String eventId, boolean approve) throws SQLException {
        Optional<StoredEvent> found = store.events().find(c, eventId);
        if (found.isEmpty() || found.get().status() != DecisionStatus.HELD || !"deposit".equals(found.get().type())) {
            return found;
        }
        StoredEvent held = found.get();
        Instant now = clock.instant();
        DepositOutcome outcome = deposits.decide(c, decode(held), Instant.parse(held.receivedAt()), now, approve);
        StoredEvent decided = Decider.apply(held, outcome, now.toString());
        store.events().updateDecision(c, decided);
        if (decided.creditedGrams() > 0) {
            decider.enqueueCredit(c, decided, held.occurredAt());
        }
        Logger.info("deviceId={} eventId={} reviewed (approve={}): {} {} g", held.deviceId(), eventId, approve,
                decided.status().wire(), decided.creditedGrams());
        return Optional.of(decided);
    }

    /**
     * An operator's rejection of a held event: rejected, 0 g, the hold's reason kept (so the
     * receipt and the API say why). Empty when there is no such event; unchanged when it is not held.
     */
    public Optional<StoredEvent> reject(Connection c, String eventId) throws SQLException {
        Optional<StoredEvent> found = store.events().find(c, eventId);
        if (found.isEmpty() || found.get().status() != DecisionStatus.HELD) {
            return found;
        }
        StoredEvent held = found.get();
        StoredEvent rejected = held.decided(clock.instant().toString(), DecisionStatus.REJECTED, held.reason(), 0,
                held.account(), held.month(), held.ruleVersion(), Optional.empty(), Optional.empty());
        store.events().updateDecision(c, rejected);
        Logger.info("deviceId={} eventId={} rejected by review (was held: {})", held.deviceId(), eventId,
                held.reason().map(r -> r.wire()).orElse("-"));
        return Optional.of(rejected);
    }

    static DepositEvent decode(StoredEvent held) {
        byte[] raw = held.jws().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CompactJws jws = CompactJws.parse(raw, Integer.MAX_VALUE).value();
        return (DepositEvent) EventCodec.decode(jws.payload()).value();
    }
}

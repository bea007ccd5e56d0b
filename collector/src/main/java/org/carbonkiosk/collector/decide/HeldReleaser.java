package org.carbonkiosk.collector.decide;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.Reason;
import org.tinylog.Logger;

/**
 * Re-evaluates a card's {@code card-unbound} deposits when the card is bound, in the binding's
 * transaction: each is decided again from the block list on, against its own month, if that
 * month is still open now (else it stays held, now as {@code stale}).
 */
public final class HeldReleaser {
    private final Store store;
    private final DepositDecider deposits;
    private final Decider decider;
    private final Clock clock;

    public HeldReleaser(Store store, DepositDecider deposits, Decider decider, Clock clock) {
        this.store = store;
        this.deposits = deposits;
        this.decider = decider;
        this.clock = clock;
    }

    /** Decides the card's held events again; returns them with their new decisions. */
    public List<StoredEvent> release(Connection c, String card) throws SQLException {
        List<StoredEvent> released = new ArrayList<>();
        Instant now = clock.instant();
        for (StoredEvent held : store.events().heldForCard(c, card, Reason.CARD_UNBOUND)) {
            DepositEvent deposit = HeldReview.decode(held);
            DepositOutcome outcome = deposits.decide(c, deposit, Instant.parse(held.receivedAt()), now);
            StoredEvent decided = Decider.apply(held, outcome, now.toString());
            store.events().updateDecision(c, decided);
            if (decided.creditedGrams() > 0) {
                decider.enqueueCredit(c, decided, held.occurredAt());
            }
            Logger.info("deviceId={} eventId={} released from card-unbound: {} {} g", held.deviceId(),
                    held.eventId(), decided.status().wire(), decided.creditedGrams());
            released.add(decided);
        }
        return released;
    }
}

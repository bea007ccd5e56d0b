package org.carbonkiosk.collector.decide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.message.Reason;
import org.tinylog.Logger;

/**
 * Why a held event is decided again, each through {@link DecisionCore#redecide}: its card was
 * bound (its {@code card-unbound} deposits), its kiosk's flag was cleared (its {@code kiosk-flagged}
 * deposits), or an operator reviewed it.
 */
public final class HeldEvents {
    private final DecisionCore core;

    public HeldEvents(DecisionCore core) {
        this.core = core;
    }

    /** The card's {@code card-unbound} deposits decided again; returns them with their new decisions. */
    public List<StoredEvent> cardBound(DecisionStore store, String card, Instant now) {
        List<StoredEvent> released = new ArrayList<>();
        for (StoredEvent held : store.heldForCard(card, Reason.CARD_UNBOUND)) {
            StoredEvent decided = core.redecide(store, held, now, false);
            Logger.info("deviceId={} eventId={} released from card-unbound: {} {} g", held.deviceId(),
                    held.eventId(), decided.status().wire(), decided.creditedGrams());
            released.add(decided);
        }
        return released;
    }

    /**
     * The kiosk's flag was cleared: its {@code kiosk-flagged} deposits decided again (they may stay
     * held for another reason). Returns them with their new decisions.
     */
    public List<StoredEvent> kioskCleared(DecisionStore store, String deviceId, Instant now) {
        List<StoredEvent> released = new ArrayList<>();
        for (StoredEvent held : store.heldForDevice(deviceId, Reason.KIOSK_FLAGGED)) {
            StoredEvent decided = core.redecide(store, held, now, false);
            Logger.info("deviceId={} eventId={} released from kiosk-flagged: {} {} g", held.deviceId(),
                    held.eventId(), decided.status().wire(), decided.creditedGrams());
            released.add(decided);
        }
        return released;
    }

    /** An operator's review: decide the event again now, or approve it (see {@link Review}). */
    public Optional<StoredEvent> reviewed(DecisionStore store, String eventId, boolean approve, Instant now) {
        return reviewed(store, eventId, approve ? Review.APPROVE : Review.DECIDE_AGAIN, now);
    }

    /** What an operator's review does with a held event. */
    public enum Review {
        /** decide it again now: its cause may be gone */
        DECIDE_AGAIN,
        /** approve it: the calibration, clock, late-arrival and plausible-weight holds are waived */
        APPROVE,
        /** reject it: 0 g, the hold's reason kept */
        REJECT
    }

    /**
     * An operator's review of a held event.
     *
     * @return the event's new decision; empty when there is no such event; unchanged when not held
     */
    public Optional<StoredEvent> reviewed(DecisionStore store, String eventId, Review review, Instant now) {
        Optional<StoredEvent> found = store.event(eventId);
        if (found.isEmpty()) {
            return found;
        }
        StoredEvent decided = review == Review.REJECT ? core.reject(store, found.get(), now)
                : core.redecide(store, found.get(), now, review == Review.APPROVE);
        if (!decided.equals(found.get())) {
            Logger.info("deviceId={} eventId={} reviewed ({}): {} {} g", decided.deviceId(), eventId,
                    review.name().toLowerCase(), decided.status().wire(), decided.creditedGrams());
        }
        return Optional.of(decided);
    }
}

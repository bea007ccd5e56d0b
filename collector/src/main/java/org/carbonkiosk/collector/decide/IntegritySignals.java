package org.carbonkiosk.collector.decide;

import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.collector.integrity.Signal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The integrity signals a deposit raises when it is first decided (PROTOCOL.md v1.1): the kiosk
 * under review, the same card at another kiosk within the clone window, a broken weight chain
 * on a bin-weighing kiosk, a net weight over its material's plausible maximum. Also keeps the
 * context those checks read: each kiosk's weight chain and where each card was last seen.
 */
final class IntegritySignals {
    private final IntegrityLimits limits;

    IntegritySignals(IntegrityLimits limits) {
        this.limits = limits;
    }

    /** The signals of a new deposit, with their evidence, in the order the holds are applied. */
    List<Signal> of(DecisionStore store, DepositEvent d, KioskState kiosk) {
        List<Signal> signals = new ArrayList<>();
        kiosk.flag().ifPresent(f -> signals.add(new Signal(Reason.KIOSK_FLAGGED, evidence()
                .put("flaggedBecause", f.reason()).put("flaggedBy", f.by()).put("flaggedAt", f.at()).toString())));
        clone(store, d).ifPresent(signals::add);
        weightChain(d, kiosk).ifPresent(signals::add);
        int limit = limits.maxNetGrams(d.material());
        if (d.netGrams() > limit) {
            signals.add(new Signal(Reason.IMPLAUSIBLE_WEIGHT, evidence().put("material", d.material().wire())
                    .put("limitGrams", limit).put("netGrams", d.netGrams()).toString()));
        }
        return signals;
    }

    /** The card at another kiosk within the clone window of this deposit (synced clocks only). */
    private Optional<Signal> clone(DecisionStore store, DepositEvent d) {
        if (!d.envelope().clockSynced()) {
            return Optional.empty();
        }
        Instant at = d.occurredAt().toInstant();
        Duration w = limits.cloneWindow();
        return store.cardUseElsewhere(d.card(), d.deviceId(), at.minus(w), at.plus(w)).map(other -> {
            long seconds = Math.abs(Duration.between(other.at(), at).toSeconds());
            return new Signal(Reason.CARD_CLONE, evidence().put("otherDeviceId", other.deviceId())
                    .put("otherEventId", other.eventId()).put("otherAt", other.at().toString())
                    .put("secondsBetween", seconds).put("windowSeconds", w.toSeconds()).toString());
        });
    }

    /**
     * On a bin-weighing kiosk: this tare below the bin as the previous deposit left it, by more
     * than the tolerance, with nothing between them (no emptying, and no seq missing: a missing
     * event may be the emptying, so a deposit after a gap starts the chain again unchecked).
     */
    private Optional<Signal> weightChain(DepositEvent d, KioskState kiosk) {
        if (kiosk.scaleMode() != ScaleMode.BIN || kiosk.chainSeq() != d.seq() - 1 || kiosk.chainGrams().isEmpty()) {
            return Optional.empty();
        }
        int previous = kiosk.chainGrams().get();
        long gap = (long) previous - d.tareGrams();
        if (gap <= limits.weightChainToleranceGrams()) {
            return Optional.empty();
        }
        return Optional.of(new Signal(Reason.WEIGHT_CHAIN, evidence()
                .put("previousEventId", Envelope.eventId(d.deviceId(), kiosk.chainRefSeq()))
                .put("previousGrossGrams", previous).put("tareGrams", d.tareGrams()).put("gapGrams", gap)
                .put("toleranceGrams", limits.weightChainToleranceGrams()).toString()));
    }

    /**
     * Moves the kiosk's weight chain and the card's last sighting on with a verified event
     * decided in order (a late event that fills a gap changes neither).
     */
    void track(DecisionStore store, KioskEvent event, KioskState kiosk) {
        if (event instanceof DepositEvent d && d.envelope().clockSynced()) {
            store.recordCardUse(d.card(), d.deviceId(), d.occurredAt().toInstant(), d.eventId());
        }
        if (kiosk.scaleMode() != ScaleMode.BIN || event.seq() <= kiosk.chainSeq()) {
            return;
        }
        if (event instanceof DepositEvent d) {
            store.saveChain(d.deviceId(), d.seq(), d.seq(), Optional.of(d.grossGrams()));
        } else if (event instanceof BinEmptiedEvent b) {
            store.saveChain(b.deviceId(), b.seq(), b.seq(), Optional.empty());
        } else {
            store.saveChain(event.deviceId(), event.seq(), kiosk.chainRefSeq(), kiosk.chainGrams());
        }
    }

    private static ObjectNode evidence() {
        return StrictJson.newObject();
    }
}

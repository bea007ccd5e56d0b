package org.carbonkiosk.agent.session;

import java.util.OptionalInt;
import org.carbonkiosk.protocol.message.Receipt;

/** What happens to a kiosk, fed to {@link SessionMachine#step}. */
public sealed interface SessionInput {

    /**
     * A card was presented. Only its token reaches the machine, never the UID.
     *
     * @param blocked the collector answered {@code card-blocked} for this card recently
     * @param role    {@link CardRole#SERVICE} for a service card on a bin-weighing kiosk
     */
    record CardTapped(String card, boolean blocked, CardRole role) implements SessionInput {
        /** A resident's card. */
        public CardTapped(String card, boolean blocked) {
            this(card, blocked, CardRole.RESIDENT);
        }
    }

    /** One scale reading; empty when the read failed. */
    record Reading(OptionalInt grams) implements SessionInput {
        public static Reading of(int grams) {
            return new Reading(OptionalInt.of(grams));
        }

        public static Reading failed() {
            return new Reading(OptionalInt.empty());
        }
    }

    /** The door switch's position. */
    record Door(boolean open) implements SessionInput {
    }

    /** Time passes (timeouts are checked on every input). */
    record Tick() implements SessionInput {
    }

    /**
     * The deposit asked for by {@link SessionAction.RecordDeposit} is committed.
     *
     * @param online the MQTT link is up (else no receipt can come: "credited when back online" at once)
     */
    record Committed(String eventId, int netGrams, boolean online) implements SessionInput {
        public Committed(String eventId, int netGrams) {
            this(eventId, netGrams, true);
        }
    }

    /** The store refused a write (disk full, I/O error) or a health check failed. */
    record StoreFailed(String why) implements SessionInput {
    }

    /** A health check found the store writable again. */
    record StoreHealthy() implements SessionInput {
    }

    /** The collector answered an event. */
    record ReceiptArrived(Receipt receipt) implements SessionInput {
    }
}

package org.carbonkiosk.simulator.residents;

import java.util.List;
import java.util.Objects;

/**
 * A simulated resident: one carbon account, one or two RFID cards, a home kiosk and a habit.
 *
 * @param cards           the resident's cards (UIDs stay in the simulator and the kiosks)
 * @param homeKiosks      indices of the kiosks this resident uses
 */
public record Resident(String account, Profile profile, List<Card> cards, List<Integer> homeKiosks) {

    public Resident {
        Objects.requireNonNull(account, "account");
        cards = List.copyOf(cards);
        homeKiosks = List.copyOf(homeKiosks);
    }

    /**
     * A card and how it gets bound to the account.
     *
     * @param uid     the raw card UID (never leaves the kiosk; the collector sees only its token)
     * @param binding when the card gets bound
     */
    public record Card(byte[] uid, Binding binding) {
        public Card {
            uid = uid.clone();
        }

        @Override
        public byte[] uid() {
            return uid.clone();
        }
    }

    /** Bound before the month starts, bound some days after its first use, or never bound. */
    public enum Binding { AT_START, LATER, NEVER }
}

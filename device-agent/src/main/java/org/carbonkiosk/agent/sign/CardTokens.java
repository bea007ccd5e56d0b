package org.carbonkiosk.agent.sign;

import java.util.Arrays;
import org.carbonkiosk.protocol.CardToken;

/**
 * Turns a card UID into its token at once and wipes the UID: past this point only the token
 * exists in the agent (never stored, logged or sent as a UID).
 */
public final class CardTokens {
    private final byte[] fleetKey;

    public CardTokens(byte[] fleetKey) {
        this.fleetKey = fleetKey.clone();
    }

    /** The token of {@code uid}; {@code uid} is zeroed. */
    public String tokenize(byte[] uid) {
        try {
            return CardToken.of(fleetKey, uid);
        } finally {
            Arrays.fill(uid, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "CardTokens[key=(hidden)]";
    }
}

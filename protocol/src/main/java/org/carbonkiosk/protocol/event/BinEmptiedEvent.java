package org.carbonkiosk.protocol.event;

import java.util.Objects;
import org.carbonkiosk.protocol.CardToken;

/**
 * The bin of a recycling box was emptied (PROTOCOL.md section 4, v1.1): a technician's or
 * hauler's card opened the service door. Recorded and audited, never credited; on a
 * bin-weighing kiosk it ends one period of the weight chain and of the mass balance.
 *
 * @param removedGrams  what the bin scale lost between the door opening and closing; zero or negative
 *                      values are reported, not hidden (something was put in, or the scale drifted)
 * @param card          the card token of whoever opened the service door, never the raw UID
 * @param binGramsAfter what the bin scale reads once the door is closed again
 */
public record BinEmptiedEvent(Envelope envelope, int removedGrams, String card, int binGramsAfter)
        implements KioskEvent {

    public BinEmptiedEvent {
        Objects.requireNonNull(envelope, "envelope");
        if (Math.abs((long) removedGrams) > DepositEvent.MAX_ABS_WEIGHT_GRAMS) {
            throw new IllegalArgumentException("removedGrams must be within +-" + DepositEvent.MAX_ABS_WEIGHT_GRAMS + " g");
        }
        if (!CardToken.isValid(card)) {
            throw new IllegalArgumentException("card must be 64 lowercase hex characters");
        }
        if (Math.abs((long) binGramsAfter) > DepositEvent.MAX_ABS_WEIGHT_GRAMS) {
            throw new IllegalArgumentException("binGramsAfter must be within +-" + DepositEvent.MAX_ABS_WEIGHT_GRAMS + " g");
        }
    }

    @Override
    public EventType type() {
        return EventType.BIN_EMPTIED;
    }
}

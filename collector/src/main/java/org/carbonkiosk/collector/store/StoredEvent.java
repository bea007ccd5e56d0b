package org.carbonkiosk.collector.store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;

/**
 * A verified event with its current decision. {@code account}, {@code month} and the month
 * totals are set when the event was attributed to an account's month (credited decisions).
 */
public record StoredEvent(String eventId, String deviceId, long seq, String type, String jws, String receivedAt,
                          String decidedAt, DecisionStatus status, Optional<Reason> reason, int creditedGrams,
                          Optional<String> card, Optional<String> account, Optional<String> month,
                          Optional<Integer> netGrams, String occurredAt, String ruleVersion,
                          Optional<Integer> monthCreditedGrams, Optional<Integer> monthCapGrams) {

    /** The event as the kiosk signed it (decoded from the stored JWS, which verified when it arrived). */
    public KioskEvent event() {
        CompactJws compact = CompactJws.parse(jws.getBytes(StandardCharsets.US_ASCII), Integer.MAX_VALUE).value();
        return EventCodec.decode(compact.payload()).value();
    }

    /** The receipt for this decision. */
    public Receipt receipt(boolean repeat) {
        return new Receipt(eventId, status, creditedGrams, monthCreditedGrams, monthCapGrams, reason, repeat);
    }

    /** This event with a new decision. */
    public StoredEvent decided(String at, DecisionStatus newStatus, Optional<Reason> newReason, int grams,
                               Optional<String> newAccount, Optional<String> newMonth, String newRuleVersion,
                               Optional<Integer> monthCredited, Optional<Integer> monthCap) {
        return new StoredEvent(eventId, deviceId, seq, type, jws, receivedAt, at, newStatus, newReason, grams, card,
                newAccount, newMonth, netGrams, occurredAt, newRuleVersion, monthCredited, monthCap);
    }
}

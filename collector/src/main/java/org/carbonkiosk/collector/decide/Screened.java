package org.carbonkiosk.collector.decide;

import java.time.Instant;
import java.util.Optional;
import org.carbonkiosk.protocol.jws.SignedEventCodec.DecodedEvent;
import org.carbonkiosk.protocol.message.Reason;

/** A received message after the checks that need no transaction (size, decode, key, signature, topic). */
public sealed interface Screened permits Screened.Verified, Screened.Refused {

    String topic();

    byte[] raw();

    Instant receivedAt();

    /**
     * An event whose signature verified under its device's key and whose topic, kid and payload agree.
     *
     * @param jws            the compact JWS as received
     * @param occurredAtText the payload's {@code occurredAt} exactly as written
     */
    record Verified(String topic, byte[] raw, Instant receivedAt, DecodedEvent decoded, String jws,
                    String occurredAtText) implements Screened {
    }

    /**
     * A message rejected before any transaction.
     *
     * @param eventId       the eventId when the payload decoded
     * @param receiptDevice the device to answer, when the eventId is known and the payload's deviceId is the topic's
     */
    record Refused(String topic, byte[] raw, Instant receivedAt, Reason reason, String detail,
                   Optional<String> eventId, Optional<String> receiptDevice) implements Screened {
    }
}

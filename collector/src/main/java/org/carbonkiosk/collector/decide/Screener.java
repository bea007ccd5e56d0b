package org.carbonkiosk.collector.decide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.Ed25519;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.jws.SignedEventCodec.DecodedEvent;
import org.carbonkiosk.protocol.jws.SignedEventCodec.SignedHeader;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The checks that need no transaction, safe to run on many threads, in verification order
 * (RFC 7515 section 5.2): size, compact form and header, the key named by {@code kid}, the
 * signature over the bytes as received; only then the payload, strictly, and topic, kid and
 * payload agreement. Bytes that do not verify are {@code bad-signature} whatever they contain.
 * A message that did not verify gets no receipt: its eventId may be a forgery's, and a receipt
 * would settle the genuine event in the kiosk's outbox.
 */
public final class Screener {
    private final SignedEventCodec codec;
    private final DeviceKeys keys;
    private final Metrics metrics;

    public Screener(SignedEventCodec codec, DeviceKeys keys, Metrics metrics) {
        this.codec = codec;
        this.keys = keys;
        this.metrics = metrics;
    }

    public Screened screen(String topic, byte[] raw, Instant receivedAt) {
        if (raw.length > Topics.MAX_MESSAGE_BYTES) {
            return unverified(topic, raw, receivedAt, Reason.MALFORMED,
                    "oversize: " + raw.length + " bytes, rejected unread", Optional.empty());
        }
        DecodeResult<SignedHeader> header = codec.decodeHeader(raw);
        if (header instanceof DecodeResult.Malformed<SignedHeader> m) {
            return unverified(topic, raw, receivedAt, Reason.MALFORMED, m.reason().code() + ": " + m.detail(),
                    Optional.empty());
        }
        SignedHeader signed = header.value();
        Optional<Ed25519.Verifier> key = keys.key(signed.kid());
        if (key.isEmpty()) {
            return unverified(topic, raw, receivedAt, Reason.UNKNOWN_DEVICE, "no device key " + signed.kid(),
                    readableEventId(signed));
        }
        long start = System.nanoTime();
        boolean valid = codec.verify(signed, key.get());
        metrics.verifyNanos(System.nanoTime() - start);
        if (!valid) {
            return unverified(topic, raw, receivedAt, Reason.BAD_SIGNATURE,
                    "signature does not verify under " + signed.kid(), readableEventId(signed));
        }
        // only an event topic names the device an event belongs to (kiosk/v1/{d}/status does not)
        Optional<String> topicDevice = topic.endsWith("/event") ? Topics.deviceIdOf(topic) : Optional.empty();
        DecodeResult<DecodedEvent> payload = codec.decodePayload(signed);
        if (payload instanceof DecodeResult.Malformed<DecodedEvent> m) {
            // Signed by the device's own key, yet not a valid event: a kiosk defect; answered.
            Optional<String> eventId = readableEventId(signed);
            Optional<String> answer = eventId.isPresent() ? topicDevice.filter(signed.kid().deviceId()::equals)
                    : Optional.empty();
            return new Screened.Refused(topic, raw, receivedAt, Reason.MALFORMED,
                    m.reason().code() + ": " + m.detail(), eventId, answer);
        }
        DecodedEvent decoded = payload.value();
        String eventId = decoded.event().eventId();
        String payloadDevice = decoded.event().deviceId();
        if (topicDevice.isEmpty() || !topicDevice.get().equals(payloadDevice)
                || !decoded.kid().deviceId().equals(payloadDevice)) {
            return new Screened.Refused(topic, raw, receivedAt, Reason.TOPIC_MISMATCH, "topic " + topic + ", kid "
                    + decoded.kid() + ", payload deviceId " + payloadDevice, Optional.of(eventId),
                    topicDevice.filter(payloadDevice::equals));
        }
        String occurredAt;
        try {
            occurredAt = StrictJson.parseObject(decoded.jws().payload()).string("occurredAt");
        } catch (MalformedException e) {
            return new Screened.Refused(topic, raw, receivedAt, Reason.MALFORMED, e.getMessage(),
                    Optional.of(eventId), topicDevice);
        }
        return new Screened.Verified(topic, raw, receivedAt, decoded, new String(raw, StandardCharsets.US_ASCII),
                occurredAt);
    }

    private static Screened unverified(String topic, byte[] raw, Instant receivedAt, Reason reason, String detail,
                                       Optional<String> eventId) {
        return new Screened.Refused(topic, raw, receivedAt, reason, detail, eventId, Optional.empty());
    }

    /**
     * The payload's eventId when it can be read, so that the rejection is findable by it. Read
     * from bytes that are not (or not yet) trusted: used only to file the record.
     */
    static Optional<String> readableEventId(SignedHeader signed) {
        try {
            String id = StrictJson.parseObject(signed.jws().payload()).string("eventId");
            return Envelope.isValidEventId(id) ? Optional.of(id)
                    : Optional.empty();
        } catch (RuntimeException e) { // MalformedException included
            return Optional.empty();
        }
    }
}

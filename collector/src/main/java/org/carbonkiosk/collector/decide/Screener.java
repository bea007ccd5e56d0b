package org.carbonkiosk.collector.decide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.jws.SignedEventCodec.DecodedEvent;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The first half of the decision pipeline, safe to run on many threads: size, strict decode,
 * key lookup by kid, Ed25519 verification, topic/kid/payload agreement. No writes.
 */
public final class Screener {
    private final SignedEventCodec codec;
    private final KeyDirectory keys;
    private final Metrics metrics;

    public Screener(SignedEventCodec codec, KeyDirectory keys, Metrics metrics) {
        this.codec = codec;
        this.keys = keys;
        this.metrics = metrics;
    }

    public Screened screen(String topic, byte[] raw, Instant receivedAt) {
        Optional<String> topicDevice = Topics.deviceIdOf(topic);
        if (raw.length > Topics.MAX_MESSAGE_BYTES) {
            return refused(topic, raw, receivedAt, Reason.MALFORMED,
                    "oversize: " + raw.length + " bytes, rejected unread", null, Optional.empty());
        }
        DecodeResult<DecodedEvent> result = codec.decode(raw);
        if (result instanceof DecodeResult.Malformed<DecodedEvent> m) {
            return refused(topic, raw, receivedAt, Reason.MALFORMED, m.reason().code() + ": " + m.detail(), null,
                    Optional.empty());
        }
        DecodedEvent decoded = result.value();
        String eventId = decoded.event().eventId();
        String payloadDevice = decoded.event().deviceId();
        Optional<String> answer = topicDevice.filter(payloadDevice::equals);
        Optional<byte[]> key = keys.key(decoded.kid());
        if (key.isEmpty()) {
            return refused(topic, raw, receivedAt, Reason.UNKNOWN_DEVICE, "no device key " + decoded.kid(), eventId,
                    answer);
        }
        long start = System.nanoTime();
        boolean valid = codec.verify(decoded, key.get());
        metrics.verifyNanos(System.nanoTime() - start);
        if (!valid) {
            return refused(topic, raw, receivedAt, Reason.BAD_SIGNATURE, "signature does not verify under "
                    + decoded.kid(), eventId, answer);
        }
        if (topicDevice.isEmpty() || !topicDevice.get().equals(payloadDevice)
                || !decoded.kid().deviceId().equals(payloadDevice)) {
            return refused(topic, raw, receivedAt, Reason.TOPIC_MISMATCH, "topic " + topic + ", kid " + decoded.kid()
                    + ", payload deviceId " + payloadDevice, eventId, answer);
        }
        String occurredAt;
        try {
            occurredAt = StrictJson.parseObject(decoded.jws().payload()).string("occurredAt");
        } catch (MalformedException e) {
            return refused(topic, raw, receivedAt, Reason.MALFORMED, e.getMessage(), eventId, answer);
        }
        return new Screened.Verified(topic, raw, receivedAt, decoded, new String(raw, StandardCharsets.US_ASCII),
                occurredAt);
    }

    private static Screened refused(String topic, byte[] raw, Instant receivedAt, Reason reason, String detail,
                                    String eventId, Optional<String> answer) {
        return new Screened.Refused(topic, raw, receivedAt, reason, detail, Optional.ofNullable(eventId),
                eventId == null ? Optional.empty() : answer);
    }
}

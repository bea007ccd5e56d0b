package org.carbonkiosk.simulator.fraud;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.client.EventDecision;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.Base64Url;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import org.carbonkiosk.simulator.fleet.MqttObserver;
import org.carbonkiosk.simulator.residents.Step.FraudKind;
import org.tinylog.Logger;

/**
 * Publishes what an attacker would, straight to the broker with the protocol codecs: an event
 * signed with the wrong key, a signed event whose payload was changed afterwards, a real
 * kiosk's event sent again, and a correctly signed event from a kiosk that was revoked. Each
 * uses a real resident's bound card, so a wrongful credit would also break reconciliation.
 */
public final class Fraudster {
    private final String targetKiosk;
    private final String revokedKiosk;
    private final MqttObserver broker;
    private final CollectorClient collector;
    private final Clock clock;
    private final SignedEventCodec codec = SignedEventCodec.standard();
    private final Ed25519KeyPair targetKey = Ed25519KeyPair.generate();
    private final Ed25519KeyPair revokedKey = Ed25519KeyPair.generate();
    private final List<Sent> sent = new ArrayList<>();
    private long targetSeq;
    private long revokedSeq;

    private record Sent(FraudKind kind, String eventId, long repeatsBefore) {
    }

    /** @param idPrefix the run's device id prefix: the attempts use {@code <prefix>-X-0001} and {@code -0002} */
    public Fraudster(MqttObserver broker, CollectorClient collector, Clock clock, String idPrefix) {
        this.targetKiosk = idPrefix + "-X-0001";
        this.revokedKiosk = idPrefix + "-X-0002";
        this.broker = broker;
        this.collector = collector;
        this.clock = clock;
    }

    /** Registers the two kiosk identities the attempts use; the second is revoked at once. */
    public void setUp() {
        collector.registerDevice(targetKiosk, false, targetKey.publicJwk(), 1, "fraud target");
        collector.registerDevice(revokedKiosk, false, revokedKey.publicJwk(), 1, "decommissioned");
        collector.revokeDevice(revokedKiosk);
    }

    /**
     * Runs one attempt with {@code card} (a bound card's token); {@code replaySource} is the
     * kiosk whose first event is replayed.
     */
    public void attempt(FraudKind kind, String card, String replaySource) {
        switch (kind) {
            case FORGED_SIGNATURE -> {
                DepositEvent event = deposit(targetKiosk, ++targetSeq, card, 1400);
                String jws = codec.sign(event, 1, Ed25519KeyPair.generate().privateKey());
                publish(kind, targetKiosk, event.envelope().eventId(), jws.getBytes(StandardCharsets.US_ASCII));
            }
            case TAMPERED_PAYLOAD -> {
                DepositEvent honest = deposit(targetKiosk, ++targetSeq, card, 300);
                String[] parts = codec.sign(honest, 1, targetKey.privateKey()).split("\\.");
                DepositEvent inflated = DepositEvent.of(honest.envelope(), card, Material.MIXED, honest.tareGrams(),
                        honest.tareGrams() + 3000, honest.calibratedAt());
                String jws = parts[0] + "." + Base64Url.encode(EventCodec.encode(inflated)) + "." + parts[2];
                publish(kind, targetKiosk, honest.envelope().eventId(), jws.getBytes(StandardCharsets.US_ASCII));
            }
            case REVOKED_KIOSK -> {
                DepositEvent event = deposit(revokedKiosk, ++revokedSeq, card, 1200);
                String jws = codec.sign(event, 1, revokedKey.privateKey());
                publish(kind, revokedKiosk, event.envelope().eventId(), jws.getBytes(StandardCharsets.US_ASCII));
            }
            case REPLAYED_EVENT -> {
                Optional<byte[]> captured = broker.firstEventOf(replaySource);
                if (captured.isEmpty()) {
                    Logger.warn("fraud: nothing captured from {} to replay", replaySource);
                    return;
                }
                String eventId = codec.decode(captured.get()).value().event().envelope().eventId();
                long before = broker.repeats(eventId);
                broker.publish(Topics.event(replaySource), captured.get());
                broker.publish(Topics.event(replaySource), captured.get());
                sent.add(new Sent(kind, eventId, before));
                Logger.info("fraud: replayed {} twice", eventId);
            }
        }
    }

    /** What came of each attempt, judged from receipts and the collector's API. */
    public List<FraudAttempt> outcomes() {
        List<FraudAttempt> outcomes = new ArrayList<>();
        for (Sent s : sent) {
            if (s.kind() == FraudKind.REPLAYED_EVENT) {
                long repeats = broker.repeats(s.eventId()) - s.repeatsBefore();
                outcomes.add(new FraudAttempt(s.kind(), s.eventId(), "repeat x" + repeats, repeats >= 1));
                continue;
            }
            Optional<Receipt> receipt = broker.decision(s.eventId());
            Optional<EventDecision> api = collector.event(s.eventId());
            String status = api.map(d -> d.status() + d.reason().map(r -> "/" + r).orElse(""))
                    .or(() -> receipt.map(r -> r.status().wire() + "/" + r.reason().map(x -> x.wire()).orElse("")))
                    .orElse("rejected (not recorded as an event)");
            boolean credited = api.map(d -> d.creditedGrams() > 0).orElse(false)
                    || receipt.map(r -> r.status() == DecisionStatus.CREDITED && r.creditedGrams() > 0).orElse(false);
            outcomes.add(new FraudAttempt(s.kind(), s.eventId(), status, !credited));
        }
        return outcomes;
    }

    private DepositEvent deposit(String deviceId, long seq, String card, int net) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(java.time.ZoneOffset.ofHours(8));
        Envelope envelope = new Envelope(deviceId, seq, now, true, "fraud-0.0.1");
        return DepositEvent.of(envelope, card, Material.MIXED, 5000, 5000 + net, Optional.of(now.minusDays(30)));
    }

    private void publish(FraudKind kind, String deviceId, String eventId, byte[] message) {
        broker.publish(Topics.event(deviceId), message);
        sent.add(new Sent(kind, eventId, 0));
        Logger.info("fraud: {} published as {}", kind, eventId);
    }
}

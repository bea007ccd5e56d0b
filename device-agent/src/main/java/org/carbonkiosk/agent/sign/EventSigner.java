package org.carbonkiosk.agent.sign;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.carbonkiosk.agent.identity.DeviceKeyStore.SigningKey;
import org.carbonkiosk.agent.outbox.SignedEvent;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.ClawPlayEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.DoorForcedEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.event.PrizeEvent;
import org.carbonkiosk.protocol.jws.SignedEventCodec;

/**
 * Builds and signs this device's events with its active key. {@code clock} is the only source
 * of {@code occurredAt}, written with the offset of {@code zone}.
 */
public final class EventSigner {
    private final String deviceId;
    private final SigningKey key;
    private final SignedEventCodec codec;
    private final Clock clock;
    private final ZoneId zone;
    private final BooleanSupplier clockSynced;
    private final String agentVersion;

    public EventSigner(String deviceId, SigningKey key, SignedEventCodec codec, Clock clock, ZoneId zone,
                       BooleanSupplier clockSynced, String agentVersion) {
        this.deviceId = deviceId;
        this.key = key;
        this.codec = codec;
        this.clock = clock;
        this.zone = zone;
        this.clockSynced = clockSynced;
        this.agentVersion = agentVersion;
    }

    public int keyVersion() {
        return key.keyVersion();
    }

    public Envelope envelope(long seq) {
        return new Envelope(deviceId, seq, OffsetDateTime.ofInstant(clock.instant(), zone),
                clockSynced.getAsBoolean(), agentVersion);
    }

    public SignedEvent sign(KioskEvent event) {
        return new SignedEvent(event, codec.sign(event, key.keyVersion(), key.keyPair().privateKey()));
    }

    public SignedEvent deposit(long seq, String card, Material material, int tareGrams, int grossGrams,
                               Optional<OffsetDateTime> calibratedAt) {
        return sign(DepositEvent.of(envelope(seq), card, material, tareGrams, grossGrams, calibratedAt));
    }

    public SignedEvent binEmptied(long seq, int removedGrams, String card, int binGramsAfter) {
        return sign(new BinEmptiedEvent(envelope(seq), removedGrams, card, binGramsAfter));
    }

    public SignedEvent doorForced(long seq) {
        return sign(new DoorForcedEvent(envelope(seq)));
    }

    public SignedEvent clawPlay(long seq, int plays, String forEventId) {
        return sign(new ClawPlayEvent(envelope(seq), plays, forEventId));
    }

    public SignedEvent prize(long seq, int slot) {
        return sign(new PrizeEvent(envelope(seq), slot));
    }
}

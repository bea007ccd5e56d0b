package org.carbonkiosk.collector.decide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.Ed25519;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.SignedEventCodec;

/** A kiosk's key and seq for unit tests: signs deposits as the agent does; a key registry to screen them. */
public final class SigningDevice {
    public static final SignedEventCodec CODEC = SignedEventCodec.standard();
    public static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-21T09:12:33.120+08:00");
    public static final Instant RECEIVED = AT.toInstant().plusSeconds(1);

    /** Registered keys by kid, shared by the devices of one test. */
    public static final class Registry implements DeviceKeys {
        private final Map<Kid, Ed25519.Verifier> keys = new ConcurrentHashMap<>();

        @Override
        public Optional<Ed25519.Verifier> key(Kid kid) {
            return Optional.ofNullable(keys.get(kid));
        }

        public Screener screener() {
            return new Screener(CODEC, this, new Metrics());
        }
    }

    public final String deviceId;
    public final Ed25519KeyPair key = Ed25519KeyPair.generate();
    public long seq;

    public SigningDevice(String deviceId, Registry registry) {
        this.deviceId = deviceId;
        if (registry != null) {
            registry.keys.put(new Kid(deviceId, 1), CODEC.verifier(key.publicKey()));
        }
    }

    public DepositEvent deposit(String card, int net) {
        return deposit(card, net, ++seq);
    }

    /** The next envelope, at {@code at}. */
    public Envelope next(OffsetDateTime at, boolean synced) {
        return new Envelope(deviceId, ++seq, at, synced, "1.0.0");
    }

    public DepositEvent deposit(String card, int net, long atSeq) {
        return DepositEvent.of(new Envelope(deviceId, atSeq, AT, true, "1.0.0"), card, Material.MIXED, 1000,
                1000 + net, Optional.of(AT.minusDays(30)));
    }

    public byte[] sign(KioskEvent e) {
        return CODEC.sign(e, 1, key.privateKey()).getBytes(StandardCharsets.US_ASCII);
    }

    public String topic() {
        return Topics.event(deviceId);
    }

    public static String card(String seed) {
        return org.carbonkiosk.protocol.CardToken.of(new byte[32], seed.getBytes(StandardCharsets.UTF_8));
    }
}

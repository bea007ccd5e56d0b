package org.carbonkiosk.simulator.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.simulator.clock.SimClock;
import org.carbonkiosk.simulator.demo.Environment;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * A small running fleet for the operator console: the real environment (broker, collector,
 * stub ledger) with a few real agents on simulated kiosks, residents whose cards are bound, and
 * deposits made on demand, such as one too heavy to be plausible (held for review). One kiosk's
 * scale was calibrated 340 days ago, so its calibration expires within 30 days.
 */
public final class ConsoleFleet implements AutoCloseable {
    private final Environment env;
    private final SimClock clock;
    private final byte[] fleetKey = new byte[32];
    private final List<KioskNode> kiosks = new ArrayList<>();

    private ConsoleFleet(Environment env, SimClock clock) {
        this.env = env;
        this.clock = clock;
        new SecureRandom().nextBytes(fleetKey);
    }

    /** Starts the environment under {@code dir} and {@code kiosks} kiosks named {@code CON-RB-0001}... */
    public static ConsoleFleet start(Path dir, int kiosks, int httpPort) throws IOException {
        SimClock clock = SimClock.startingAt(Instant.now(), Timestamps.SHANGHAI);
        Environment env = Environment.start(dir, clock, 0, httpPort, 1, Optional.empty());
        ConsoleFleet fleet = new ConsoleFleet(env, clock);
        try {
            URI broker = URI.create(env.brokerUrl());
            for (int k = 0; k < kiosks; k++) {
                String id = "CON-RB-%04d".formatted(k + 1);
                OffsetDateTime calibrated = OffsetDateTime.ofInstant(clock.instant()
                        .minus(Duration.ofDays(k == 0 ? 340 : 30)), ZoneOffset.ofHours(8));
                fleet.kiosks.add(KioskNode.provisionAndStart(id, false, dir.resolve("kiosks").resolve(id),
                        fleet.fleetKey, calibrated, broker.getHost(), broker.getPort(), env.api(), clock));
            }
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    public Environment environment() {
        return env;
    }

    public List<KioskNode> kiosks() {
        return List.copyOf(kiosks);
    }

    /** A resident's card: its UID, bound to {@code account} through the API. */
    public byte[] residentCard(String account) {
        byte[] uid = new byte[7];
        new SecureRandom().nextBytes(uid);
        env.api().bindCard(cardToken(uid), account);
        return uid;
    }

    /** The card token the kiosks send for {@code uid}. */
    public String cardToken(byte[] uid) {
        return CardToken.of(fleetKey, uid);
    }

    /**
     * A deposit at kiosk {@code k}, as a resident makes it; returns its eventId (the kiosk's next
     * seq after the collector's last one: call it when the kiosk's previous deposit is decided).
     */
    public String deposit(int k, byte[] uid, int grams) throws InterruptedException {
        KioskNode kiosk = kiosks.get(k);
        long before = env.api().device(kiosk.deviceId()).get("lastSeq").asLong();
        kiosk.deposit(uid, List.of(grams));
        return kiosk.deviceId() + ":" + (before + 1);
    }

    /** Moves the fleet's clock on: a resident walking from one kiosk to the next takes a while. */
    public void advance(Duration step) {
        clock.advanceBy(step);
    }

    /** Registers a kiosk without an agent (an enrollment record only) at {@code location}. */
    public String enrollOnly(String deviceId, String location) {
        env.api().registerDevice(deviceId, false, Ed25519KeyPair.generate().publicJwk(), 1, location);
        return deviceId;
    }

    @Override
    public void close() {
        for (KioskNode k : kiosks) {
            k.close();
        }
        env.close();
    }
}

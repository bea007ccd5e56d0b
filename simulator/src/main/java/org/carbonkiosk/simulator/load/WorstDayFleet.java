package org.carbonkiosk.simulator.load;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.KioskTypes;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import org.tinylog.Logger;

/**
 * The worst day's kiosks: device identities registered with the collector, residents' cards
 * bound, and each kiosk's backlog of deposits signed in advance (seq 1..n), as a city's kiosks
 * hold them after a day offline. Signing happens before any clock starts.
 */
final class WorstDayFleet {
    /** One kiosk's identity and its signed events, in seq order. */
    record Kiosk(String deviceId, String topic, Ed25519KeyPair key, List<String> cards, List<byte[]> backlog) {
    }

    final List<Kiosk> kiosks;
    private final SignedEventCodec codec = SignedEventCodec.standard();
    private final OffsetDateTime day = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(12);

    private WorstDayFleet(List<Kiosk> kiosks) {
        this.kiosks = kiosks;
    }

    /**
     * Registers {@code devices} kiosks and {@code residents} cards (each bound to its own account),
     * and signs {@code perKiosk} deposits per kiosk; each deposit by one of the kiosk's regulars.
     */
    static WorstDayFleet prepare(CollectorClient collector, int devices, int residents, int perKiosk, int threads)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_679_616L + 1_679_616L, 36).toUpperCase();
        byte[] fleetKey = new byte[32];
        new java.security.SecureRandom().nextBytes(fleetKey);
        List<String> cards = IntStream.range(0, residents)
                .mapToObj(r -> CardToken.of(fleetKey, ("resident-" + run + "-" + r).getBytes(StandardCharsets.UTF_8)))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> setup = new ArrayList<>();
            for (int r = 0; r < residents; r++) {
                String card = cards.get(r);
                String account = "wd-" + run.toLowerCase() + "-" + r;
                setup.add(pool.submit(() -> collector.bindCard(card, account)));
            }
            List<Kiosk> kiosks = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                String id = "WD%s-%05d".formatted(run, d + 1);
                Ed25519KeyPair key = Ed25519KeyPair.generate();
                List<String> regulars = List.of(cards.get((d * 7) % residents), cards.get((d * 7 + 1) % residents),
                        cards.get((d * 7 + 2) % residents));
                kiosks.add(new Kiosk(id, Topics.event(id), key, regulars, new ArrayList<>()));
                // a tray scale: every deposit weighs from the same tare, no weight chain
                setup.add(pool.submit(() -> collector.registerDevice(id, KioskTypes.RECYCLING_BOX, ScaleMode.TRAY,
                        key.publicJwk(), 1, "worst day")));
            }
            for (Future<?> f : setup) {
                f.get();
            }
            Logger.info("worst day: {} kiosks registered, {} cards bound", devices, residents);
            WorstDayFleet fleet = new WorstDayFleet(kiosks);
            List<Future<?>> signing = new ArrayList<>();
            for (Kiosk k : kiosks) {
                signing.add(pool.submit(() -> fleet.sign(k, 1, perKiosk)));
            }
            for (Future<?> f : signing) {
                f.get();
            }
            return fleet;
        } finally {
            pool.shutdown();
        }
    }

    /** Appends deposits {@code fromSeq .. fromSeq + count - 1} to the kiosk's backlog. */
    void sign(Kiosk k, long fromSeq, int count) {
        for (long seq = fromSeq; seq < fromSeq + count; seq++) {
            OffsetDateTime at = day.plusSeconds(seq * 60);
            int net = 200 + (int) ((seq * 397 + k.deviceId().hashCode()) & 0x3ff);
            DepositEvent e = DepositEvent.of(new Envelope(k.deviceId(), seq, at, true, "wd-1.0.0"),
                    k.cards().get((int) (seq % k.cards().size())), Material.MIXED, 10_000, 10_000 + net,
                    Optional.of(at.minusDays(30)));
            k.backlog().add(codec.sign(e, 1, k.key().privateKey()).getBytes(StandardCharsets.US_ASCII));
        }
    }

    int events() {
        return kiosks.stream().mapToInt(k -> k.backlog().size()).sum();
    }
}

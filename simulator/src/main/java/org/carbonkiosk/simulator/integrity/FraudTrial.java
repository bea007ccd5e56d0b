package org.carbonkiosk.simulator.integrity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.KioskTypes;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.simulator.clock.SimClock;
import org.carbonkiosk.simulator.demo.Environment;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import org.tinylog.Logger;

/**
 * The fraud trial: bin-weighing kiosks and their residents over a fortnight, with every fraud
 * of the integrity issue injected alongside honest behaviour that comes close, decided by the
 * real collector (embedded broker, SQLite) with the mass balance flagging kiosks. The outcome is
 * a detection table, the same for the same seed.
 */
public final class FraudTrial {
    static final OffsetDateTime START = OffsetDateTime.parse("2026-11-16T00:00:00+08:00");
    private static final String SERVICE_CARD_UID = "hauler-badge-7";

    /**
     * @param fraudsPerKind how many of each per-deposit fraud (re-deposit, cloned card, soaked bag)
     */
    public record Settings(long seed, int kiosks, int residentsPerKiosk, int days, int fraudsPerKind) {
        public Settings {
            if (kiosks < 4 || residentsPerKiosk < 2 || days < 1 || fraudsPerKind < 0) {
                throw new IllegalArgumentException("at least 4 kiosks, 2 residents each, 1 day");
            }
        }

        public static Settings defaults(long seed) {
            return new Settings(seed, 12, 10, 14, 10);
        }
    }

    private FraudTrial() {
    }

    public static DetectionTable run(Settings s, Path dataDir) {
        SplittableRandom random = new SplittableRandom(s.seed());
        byte[] fleetKey = new byte[32];
        new SplittableRandom(s.seed() ^ 0x5eed).nextBytes(fleetKey);
        SimClock clock = SimClock.startingAt(START.toInstant(), Timestamps.SHANGHAI);
        try (Environment env = Environment.start(dataDir, clock, 0, 0, s.seed(), Optional.empty(),
                Map.of("integrity.flagOnImbalance", "true")); TrialLink link = new TrialLink(env.brokerUrl())) {
            CollectorClient api = env.api();
            List<TrialKiosk> kiosks = new ArrayList<>();
            for (int k = 0; k < s.kiosks(); k++) {
                TrialKiosk kiosk = new TrialKiosk("TR-%04d".formatted(k + 1));
                api.registerDevice(kiosk.deviceId, KioskTypes.RECYCLING_BOX, ScaleMode.BIN, kiosk.key.publicJwk(), 1,
                        "fraud trial");
                kiosks.add(kiosk);
            }
            kiosks.get(TrialPlan.SCALE_HIGH_KIOSK).readHigh(1.2);
            List<String> cards = new ArrayList<>();
            for (int r = 0; r < s.kiosks() * s.residentsPerKiosk(); r++) {
                cards.add(card(fleetKey, "resident-" + r));
                api.bindCard(cards.get(r), "acct-" + r);
            }
            String accomplice = card(fleetKey, "accomplice");
            api.bindCard(accomplice, "acct-accomplice");
            String serviceCard = card(fleetKey, SERVICE_CARD_UID);
            List<TrialPlan.Injection> injections = TrialPlan.injections(s, random);
            List<Outcome> outcomes = new ArrayList<>();
            for (int day = 0; day < s.days(); day++) {
                for (TrialPlan.Visit v : TrialPlan.day(s, day, injections, random)) {
                    clock.advanceTo(v.at().toInstant().plusSeconds(1));
                    TrialKiosk kiosk = kiosks.get(v.kiosk());
                    outcomes.add(new Outcome(v.behaviour(), kiosk.deviceId, link.send(kiosk,
                            deposit(kiosk, v, v.resident() < 0 ? accomplice : cards.get(v.resident())))));
                }
                emptyAll(kiosks, day, serviceCard, clock, link, api, random);
                Logger.info("fraud trial: day {} of {} decided ({} deposits so far)", day + 1, s.days(),
                        outcomes.size());
            }
            List<String> flagged = new ArrayList<>();
            for (TrialKiosk k : kiosks) {
                var flag = api.device(k.deviceId).get("flagged");
                if (flag != null && !flag.isNull() && "mass-balance".equals(flag.path("by").asText())) {
                    flagged.add(k.deviceId);
                }
            }
            return new DetectionTable(s, outcomes, flagged, kiosks.get(TrialPlan.SCALE_HIGH_KIOSK).deviceId,
                    kiosks.get(TrialPlan.INVENTING_KIOSK).deviceId);
        }
    }

    private static DepositEvent deposit(TrialKiosk kiosk, TrialPlan.Visit v, String card) {
        return switch (v.behaviour()) {
            case INVENTED -> kiosk.invent(card, v.grams(), v.at());
            case RE_DEPOSIT -> {
                long before = kiosk.trueBinGrams();
                kiosk.takeOut(v.grams());
                yield kiosk.deposit(card, v.material(), (int) (before - kiosk.trueBinGrams()), v.at());
            }
            default -> kiosk.deposit(card, v.material(), v.grams(), v.at());
        };
    }

    /** The hauler's round at 21:00: each bin emptied (a signed bin-emptied), then the bag weighed and recorded. */
    private static void emptyAll(List<TrialKiosk> kiosks, int day, String serviceCard, SimClock clock, TrialLink link,
                                 CollectorClient api, SplittableRandom random) {
        OffsetDateTime evening = START.plusDays(day).withHour(21);
        for (int k = 0; k < kiosks.size(); k++) {
            OffsetDateTime at = evening.plusMinutes(3L * k);
            clock.advanceTo(at.toInstant().plusSeconds(1));
            TrialKiosk kiosk = kiosks.get(k);
            TrialKiosk.Emptying e = kiosk.empty(serviceCard, at);
            link.send(kiosk, e.event());
            double scaleError = 1 + (random.nextDouble() - 0.5) / 100; // the hauler's scale: +-0.5 %
            api.recordPickup(kiosk.deviceId, Math.round(e.trueRemovedGrams() * scaleError), at.plusMinutes(1),
                    "hauler 7");
        }
    }

    private static String card(byte[] fleetKey, String uid) {
        return CardToken.of(fleetKey, uid.getBytes(StandardCharsets.UTF_8));
    }
}

package org.carbonkiosk.simulator.integrity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.carbonkiosk.protocol.event.Material;

/**
 * The deposits of one day of the fraud trial, in time order, drawn from the seed: residents at
 * their home kiosks with the honest behaviours that come close to a fraud, and the frauds
 * injected that day. Kiosk 0's scale reads high and kiosk 1 invents deposits, every day.
 */
final class TrialPlan {
    /** The kiosk whose bin scale reads 20 % high. */
    static final int SCALE_HIGH_KIOSK = 0;
    /** The kiosk whose software invents deposits. */
    static final int INVENTING_KIOSK = 1;
    /** Deposits the inventing kiosk makes up each day. */
    static final int INVENTED_PER_DAY = 3;
    private static final Material[] MATERIALS = Material.values();

    /**
     * One visit of a kiosk.
     *
     * @param resident the resident whose card is used, numbered across the city (-1: the inventing
     *                 kiosk's accomplice); residents {@code k * residentsPerKiosk} onwards live by kiosk k
     * @param grams    what goes into the bin (for a re-deposit: at most what is taken out first)
     */
    record Visit(OffsetDateTime at, int kiosk, int resident, Behaviour behaviour, Material material, int grams) {
    }

    /** A fraud to inject on a day at a kiosk. */
    record Injection(int day, int kiosk, Behaviour behaviour) {
    }

    private TrialPlan() {
    }

    /** The per-deposit frauds of the whole trial, each on a day at a kiosk that is neither of the two fraud kiosks. */
    static List<Injection> injections(FraudTrial.Settings s, SplittableRandom random) {
        List<Injection> all = new ArrayList<>();
        for (Behaviour b : List.of(Behaviour.RE_DEPOSIT, Behaviour.CLONED_CARD, Behaviour.SOAKED_BAG)) {
            for (int i = 0; i < s.fraudsPerKind(); i++) {
                all.add(new Injection(random.nextInt(s.days()), 2 + random.nextInt(s.kiosks() - 2), b));
            }
        }
        return all;
    }

    static List<Visit> day(FraudTrial.Settings s, int day, List<Injection> injections, SplittableRandom random) {
        OffsetDateTime morning = FraudTrial.START.plusDays(day).withHour(8);
        List<Visit> visits = new ArrayList<>();
        for (int k = 0; k < s.kiosks(); k++) {
            int sessions = 6 + random.nextInt(5);
            for (int i = 0; i < sessions; i++) {
                OffsetDateTime at = morning.plusSeconds(random.nextInt(12 * 3600));
                honest(s, visits, k, resident(s, k, random.nextInt(s.residentsPerKiosk())), at, random);
            }
        }
        for (Injection inj : injections) {
            if (inj.day() == day) {
                inject(s, visits, inj, morning, random);
            }
        }
        for (int i = 0; i < INVENTED_PER_DAY; i++) {
            visits.add(new Visit(morning.plusSeconds(random.nextInt(12 * 3600)), INVENTING_KIOSK, -1,
                    Behaviour.INVENTED, Material.MIXED, 2000 + random.nextInt(2000)));
        }
        visits.sort(Comparator.comparing(Visit::at).thenComparing(Visit::kiosk));
        return visits;
    }

    private static void honest(FraudTrial.Settings s, List<Visit> visits, int k, int r, OffsetDateTime at,
                               SplittableRandom random) {
        Behaviour label = k == SCALE_HIGH_KIOSK ? Behaviour.SCALE_HIGH : Behaviour.HONEST;
        double p = random.nextDouble();
        if (p < 0.04) {
            visits.add(new Visit(at, k, r, k == SCALE_HIGH_KIOSK ? label : Behaviour.HEAVY_GLASS, Material.GLASS,
                    9000 + random.nextInt(5000)));
            return;
        }
        Material m = MATERIALS[random.nextInt(MATERIALS.length)];
        visits.add(new Visit(at, k, r, label, m, grams(m, random)));
        if (p < 0.09) {
            Material again = MATERIALS[random.nextInt(MATERIALS.length)];
            visits.add(new Visit(at.plusSeconds(30 + random.nextInt(60)), k, r,
                    k == SCALE_HIGH_KIOSK ? label : Behaviour.TWO_BAGS, again, grams(again, random)));
        } else if (p < 0.14) {
            Material m2 = MATERIALS[random.nextInt(MATERIALS.length)];
            visits.add(new Visit(at.plusSeconds(60 + random.nextInt(90)), k, partner(s, k, r),
                    k == SCALE_HIGH_KIOSK ? label : Behaviour.FAMILY, m2, grams(m2, random)));
        } else if (p < 0.17) {
            // the same resident at the next kiosk later that day: outside the clone window
            Material m2 = MATERIALS[random.nextInt(MATERIALS.length)];
            int other = (k + 1) % s.kiosks();
            visits.add(new Visit(at.plusMinutes(20 + random.nextInt(100)), other, r,
                    other == SCALE_HIGH_KIOSK ? Behaviour.SCALE_HIGH : Behaviour.HONEST, m2, grams(m2, random)));
        }
    }

    private static void inject(FraudTrial.Settings s, List<Visit> visits, Injection inj, OffsetDateTime morning,
                               SplittableRandom random) {
        switch (inj.behaviour()) {
            case SOAKED_BAG -> visits.add(new Visit(morning.plusSeconds(random.nextInt(12 * 3600)), inj.kiosk(),
                    resident(s, inj.kiosk(), random.nextInt(s.residentsPerKiosk())), Behaviour.SOAKED_BAG, Material.PAPER,
                    9000 + random.nextInt(5000)));
            case RE_DEPOSIT -> {
                // after a heavy deposit at that kiosk, part of it is taken out and deposited again
                OffsetDateTime at = morning.plusSeconds(random.nextInt(11 * 3600));
                visits.add(new Visit(at, inj.kiosk(), resident(s, inj.kiosk(), random.nextInt(s.residentsPerKiosk())),
                        Behaviour.HONEST, Material.MIXED, 2000 + random.nextInt(2000)));
                visits.add(new Visit(at.plusMinutes(5 + random.nextInt(25)), inj.kiosk(),
                        resident(s, inj.kiosk(), random.nextInt(s.residentsPerKiosk())), Behaviour.RE_DEPOSIT, Material.MIXED,
                        800 + random.nextInt(1200)));
            }
            case CLONED_CARD -> {
                // a resident's honest deposit at home, then a copy of the card at another kiosk
                OffsetDateTime at = morning.plusSeconds(random.nextInt(11 * 3600));
                int home = (inj.kiosk() + 1 + random.nextInt(s.kiosks() - 1)) % s.kiosks();
                int r = resident(s, home, random.nextInt(s.residentsPerKiosk()));
                Material m = MATERIALS[random.nextInt(MATERIALS.length)];
                visits.add(new Visit(at, home, r, home == SCALE_HIGH_KIOSK ? Behaviour.SCALE_HIGH : Behaviour.HONEST,
                        m, grams(m, random)));
                visits.add(new Visit(at.plusSeconds(10 + random.nextInt(160)), inj.kiosk(),
                        r, Behaviour.CLONED_CARD, Material.MIXED,
                        500 + random.nextInt(2000)));
            }
            default -> throw new IllegalArgumentException("not a per-deposit fraud: " + inj.behaviour());
        }
    }

    /** Resident {@code i} of kiosk {@code k}, numbered across the city. */
    static int resident(FraudTrial.Settings s, int k, int i) {
        return k * s.residentsPerKiosk() + i;
    }

    /** The other member of a resident's household at the same kiosk: 0 and 1 live together, 2 and 3, ... */
    private static int partner(FraudTrial.Settings s, int k, int r) {
        int i = (r - k * s.residentsPerKiosk()) ^ 1;
        return i < s.residentsPerKiosk() ? resident(s, k, i) : r;
    }

    /** A plausible net weight for the material (well under its limit). */
    static int grams(Material m, SplittableRandom random) {
        return switch (m) {
            case PAPER -> 300 + random.nextInt(3700);
            case PLASTIC -> 100 + random.nextInt(1400);
            case METAL -> 200 + random.nextInt(2800);
            case GLASS -> 500 + random.nextInt(5500);
            case TEXTILE -> 300 + random.nextInt(4700);
            case MIXED -> 200 + random.nextInt(4800);
        };
    }
}

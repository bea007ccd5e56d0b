package org.carbonkiosk.simulator.residents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.carbonkiosk.simulator.residents.Resident.Binding;
import org.carbonkiosk.simulator.residents.Resident.Card;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * A whole simulated month, planned up front and deterministic from the seed: the residents,
 * which kiosks are claw kiosks, every deposit, every late binding, every fault and fraud
 * attempt, grouped by slot (one simulated hour). The same seed gives the same plan.
 */
public final class Plan {
    private final ScenarioSettings settings;
    private final List<Resident> residents;
    private final List<Boolean> clawKiosks;
    private final TreeMap<Instant, List<Step>> slots;

    private Plan(ScenarioSettings settings, List<Resident> residents, List<Boolean> clawKiosks,
                 TreeMap<Instant, List<Step>> slots) {
        this.settings = settings;
        this.residents = List.copyOf(residents);
        this.clawKiosks = List.copyOf(clawKiosks);
        this.slots = slots;
    }

    public ScenarioSettings settings() {
        return settings;
    }

    public List<Resident> residents() {
        return residents;
    }

    public boolean isClaw(int kiosk) {
        return clawKiosks.get(kiosk);
    }

    /** Steps by slot instant, in time order; within a slot: faults, bindings, fraud, then deposits. */
    public TreeMap<Instant, List<Step>> slots() {
        return slots;
    }

    public Instant start() {
        return settings.start().atZone(Timestamps.SHANGHAI).toInstant();
    }

    public Instant end() {
        return settings.start().plusDays(settings.days()).atZone(Timestamps.SHANGHAI).toInstant();
    }

    public long depositCount() {
        return slots.values().stream().flatMap(List::stream).filter(s -> s instanceof Step.Deposit).count();
    }

    /**
     * This plan with {@code extra} steps added (the chaos faults), each in its slot after the
     * slot's own steps of the same kind; the order of {@code extra} is kept among equals.
     */
    public Plan withSteps(List<Step> extra) {
        List<Step> steps = new ArrayList<>();
        slots.values().forEach(steps::addAll);
        steps.addAll(extra);
        return new Plan(settings, residents, clawKiosks, inSlots(steps));
    }

    public static Plan of(ScenarioSettings s) {
        Random random = new Random(s.seed());
        List<Boolean> claw = new ArrayList<>();
        for (int k = 0; k < s.kiosks(); k++) {
            // every fifth kiosk is a claw kiosk; a small fleet has its last one as a claw kiosk
            claw.add(k % 5 == 4 || s.kiosks() > 1 && s.kiosks() < 5 && k == s.kiosks() - 1);
        }
        List<Resident> residents = new ArrayList<>();
        for (int r = 0; r < s.residents(); r++) {
            residents.add(resident(r, s, random));
        }
        forceTheInterestingCases(residents, s);
        List<Step> steps = new ArrayList<>();
        List<Instant> hours = openHours(s);
        Map<String, Instant> firstUse = new HashMap<>();
        for (int r = 0; r < residents.size(); r++) {
            Resident resident = residents.get(r);
            double perHour = resident.profile().depositsPerWeek() / (7.0 * hours.size() / s.days());
            for (Instant hour : hours) {
                boolean forced = r < 3 && hour.equals(hours.get(Math.min(hours.size() - 1, 1 + r)));
                if (!forced && random.nextDouble() >= perHour * dayShape(hour)) {
                    continue;
                }
                int card = random.nextInt(resident.cards().size());
                int kiosk = resident.homeKiosks().get(random.nextInt(resident.homeKiosks().size()));
                steps.add(new Step.Deposit(hour, kiosk, r, card, handfuls(weight(resident.profile(), random), random)));
                firstUse.putIfAbsent(r + "/" + card, hour);
            }
        }
        for (int r = 0; r < residents.size(); r++) {
            List<Card> cards = residents.get(r).cards();
            for (int c = 0; c < cards.size(); c++) {
                Instant first = firstUse.get(r + "/" + c);
                if (cards.get(c).binding() == Binding.LATER && first != null) {
                    Instant bind = first.plus(Duration.ofHours(24 + random.nextInt(48)));
                    steps.add(new Step.Bind(bind.isBefore(s.start().plusDays(s.days() - 1).atZone(Timestamps.SHANGHAI).toInstant())
                            ? bind : first.plus(Duration.ofHours(1)), r, c));
                }
            }
        }
        faults(s, random, hours, steps);
        return new Plan(s, residents, claw, inSlots(steps));
    }

    private static TreeMap<Instant, List<Step>> inSlots(List<Step> steps) {
        TreeMap<Instant, List<Step>> slots = new TreeMap<>();
        steps.stream().sorted(Comparator.comparing(Step::at).thenComparing(Plan::order))
                .forEach(step -> slots.computeIfAbsent(step.at(), t -> new ArrayList<>()).add(step));
        return slots;
    }

    /**
     * Every plan, however small, has a card bound only after its first deposits (resident 1),
     * a card never bound (resident 2) and a heavy recycler with two cards (resident 3), each
     * depositing early on.
     */
    private static void forceTheInterestingCases(List<Resident> residents, ScenarioSettings s) {
        if (residents.size() < 3) {
            return;
        }
        Resident late = residents.get(0);
        residents.set(0, new Resident(late.account(), late.profile(), List.of(
                new Card(late.cards().get(0).uid(), Binding.LATER)), late.homeKiosks()));
        Resident never = residents.get(1);
        residents.set(1, new Resident(never.account(), never.profile(), List.of(
                new Card(never.cards().get(0).uid(), Binding.NEVER)), never.homeKiosks()));
        Resident heavy = residents.get(2);
        List<Card> cards = new ArrayList<>();
        cards.add(new Card(heavy.cards().get(0).uid(), Binding.AT_START));
        byte[] second = heavy.cards().get(0).uid();
        second[0] ^= 0x5a;
        cards.add(new Card(second, Binding.AT_START));
        residents.set(2, new Resident(heavy.account(), Profile.HEAVY, cards, heavy.homeKiosks()));
    }

    private static Resident resident(int index, ScenarioSettings s, Random random) {
        double p = random.nextDouble();
        Profile profile = p < 0.08 ? Profile.HEAVY : p < 0.55 ? Profile.REGULAR : Profile.LIGHT;
        double b = random.nextDouble();
        Binding first = b < 0.06 ? Binding.LATER : b < 0.08 ? Binding.NEVER : Binding.AT_START;
        List<Card> cards = new ArrayList<>();
        cards.add(new Card(uid(random), first));
        if (random.nextDouble() < 0.15) {
            cards.add(new Card(uid(random), Binding.AT_START));
        }
        List<Integer> kiosks = new ArrayList<>();
        kiosks.add(index % s.kiosks());
        if (s.kiosks() > 1 && random.nextDouble() < 0.2) {
            kiosks.add((index + 1 + random.nextInt(s.kiosks() - 1)) % s.kiosks());
        }
        return new Resident("acct-%04d".formatted(index + 1), profile, cards, kiosks);
    }

    private static byte[] uid(Random random) {
        byte[] uid = new byte[random.nextBoolean() ? 4 : 7];
        random.nextBytes(uid);
        return uid;
    }

    /** Net grams of one deposit: mostly 0.2 to 3 kg; now and then a few grams, rarely a bulky 31+ kg. */
    static int weight(Profile profile, Random random) {
        double u = random.nextDouble();
        if (u < 0.02) {
            return 10 + random.nextInt(40);
        }
        if (u < 0.025) {
            return 31_000 + random.nextInt(9_000);
        }
        double grams = profile.medianGrams() * Math.exp(0.55 * random.nextGaussian());
        return (int) Math.max(60, Math.min(25_000, Math.round(grams)));
    }

    private static List<Integer> handfuls(int grams, Random random) {
        if (grams < 1500) {
            return List.of(grams);
        }
        int first = grams / 3 + random.nextInt(grams / 3);
        return List.of(first, grams - first);
    }

    /** More deposits in the morning and evening than at noon. */
    private static double dayShape(Instant hour) {
        int h = hour.atZone(Timestamps.SHANGHAI).getHour();
        return h >= 7 && h <= 9 || h >= 18 && h <= 20 ? 1.6 : 0.7;
    }

    private static List<Instant> openHours(ScenarioSettings s) {
        List<Instant> hours = new ArrayList<>();
        for (int d = 0; d < s.days(); d++) {
            for (int h = s.firstHour(); h <= s.lastHour(); h++) {
                ZonedDateTime t = s.start().plusDays(d).withHour(h).atZone(Timestamps.SHANGHAI);
                hours.add(t.toInstant());
            }
        }
        return hours;
    }

    private static void faults(ScenarioSettings s, Random random, List<Instant> hours, List<Step> steps) {
        int perDay = s.lastHour() - s.firstHour() + 1;
        for (int i = 0; i < Math.min(s.offlineKiosks(), s.kiosks()); i++) {
            int kiosk = (i * 7 + 2) % s.kiosks();
            int from = Math.min(hours.size() - 2, perDay * (1 + random.nextInt(Math.max(1, s.days() - 2))) + 1);
            int to = Math.min(hours.size() - 1, from + 5 + random.nextInt(5));
            steps.add(new Step.Link(hours.get(from), kiosk, false));
            steps.add(new Step.Link(hours.get(to), kiosk, true));
        }
        if (s.brokerRestart()) {
            int at = hours.size() / 2;
            steps.add(new Step.Broker(hours.get(at), false));
            steps.add(new Step.Broker(hours.get(Math.min(hours.size() - 1, at + 2)), true));
        }
        if (!s.ledgerDown().isZero()) {
            Instant down = hours.get(hours.size() / 3);
            steps.add(new Step.Ledger(down, false));
            Instant up = down.plus(s.ledgerDown());
            steps.add(new Step.Ledger(hours.stream().filter(h -> !h.isBefore(up)).findFirst()
                    .orElse(hours.get(hours.size() - 1)), true));
        }
        if (s.fraud()) {
            Map<Step.FraudKind, Integer> at = new LinkedHashMap<>();
            Step.FraudKind[] kinds = Step.FraudKind.values();
            for (int i = 0; i < kinds.length; i++) {
                at.put(kinds[i], Math.min(hours.size() - 1, hours.size() * (i + 1) / (kinds.length + 2)));
            }
            at.forEach((kind, hour) -> steps.add(new Step.Fraud(hours.get(hour), kind, random.nextInt(s.residents()))));
        }
    }

    /**
     * Within a slot: broker, then ledger and collector, then the kiosks' links, restarts and
     * interrupted sessions, full disks (in the order given), bindings, fraud, deposits.
     */
    private static int order(Step step) {
        if (step instanceof Step.Broker || step instanceof Step.BrokerReset) {
            return 0;
        } else if (step instanceof Step.Ledger || step instanceof Step.Collector) {
            return 1;
        } else if (step instanceof Step.Link || step instanceof Step.AgentRestart
                || step instanceof Step.InterruptedDeposit || step instanceof Step.KeyRotation
                || step instanceof Step.DiskFull) {
            return 2;
        } else if (step instanceof Step.Bind) {
            return 3;
        } else if (step instanceof Step.Fraud) {
            return 4;
        }
        return 5;
    }
}

package org.carbonkiosk.simulator.chaos;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.ScenarioSettings;
import org.carbonkiosk.simulator.residents.Step;
import org.carbonkiosk.simulator.residents.Step.CollectorAction;

/**
 * What one seed does: a short {@link Plan} (4 kiosks, 5 residents, 10 days across the end of a
 * month of 2026 drawn from the seed) and the faults laid over it as plan steps. Everything is
 * drawn from a {@link SplittableRandom} of the seed, never from the wall clock, so the same seed
 * gives the same schedule. Each kiosk gets at most one kiosk fault (a link cut, an agent killed
 * before or after its outbox commit, a key rotation with events queued, a full disk); the whole system gets
 * each of the others with probability one half.
 */
public record ChaosSchedule(long seed, Plan plan, List<Fault> faults) {
    static final int KIOSKS = 4;
    static final int RESIDENTS = 5;
    static final int DAYS = 10;
    /** Days of the run before the month ends. */
    private static final int DAYS_BEFORE_MONTH_END = 5;
    private static final int FIRST_HOUR = 8;
    private static final int LAST_HOUR = 20;
    private static final Duration RESTART_AFTER = Duration.ofMinutes(30);

    public ChaosSchedule {
        faults = List.copyOf(faults);
    }

    public static ChaosSchedule draw(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDateTime start = YearMonth.of(2026, 1 + random.nextInt(12)).atEndOfMonth()
                .minusDays(DAYS_BEFORE_MONTH_END - 1).atStartOfDay();
        double errorRate = new double[] {0, 0.1, 0.3}[random.nextInt(3)];
        double timeoutRate = new double[] {0, 0.1, 0.2}[random.nextInt(3)];
        Plan base = Plan.of(new ScenarioSettings(KIOSKS, RESIDENTS, start, DAYS, FIRST_HOUR, LAST_HOUR, 0, false,
                Duration.ZERO, errorRate, timeoutRate, false, seed));
        return new Drawing(base, random).draw(seed, errorRate, timeoutRate);
    }

    /** The schedule, one fault a line. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("seed " + seed + ": " + plan.settings().start().toLocalDate() + " + " + DAYS + " days, "
                + plan.depositCount() + " planned deposits");
        faults.forEach(f -> lines.add("  " + f.describe()));
        return lines;
    }

    /** The drawing of one schedule's faults over its base plan. */
    private static final class Drawing {
        private final Plan base;
        private final SplittableRandom random;
        private final List<Step> steps = new ArrayList<>();
        private final List<Fault> faults = new ArrayList<>();

        Drawing(Plan base, SplittableRandom random) {
            this.base = base;
            this.random = random;
        }

        ChaosSchedule draw(long seed, double errorRate, double timeoutRate) {
            for (int k = 0; k < KIOSKS; k++) {
                kioskFault(k);
            }
            if (random.nextBoolean()) {
                collectorKilledAfterCommit();
            }
            Instant pubackWindow = random.nextBoolean() ? agentKilledAfterPuback() : null;
            if (random.nextBoolean()) {
                // inside the window of a stopped collector, the broker loses the events it holds for it
                brokerReset(pubackWindow != null && random.nextBoolean()
                        ? pubackWindow.plus(Duration.ofMinutes(15)) : randomHour());
            }
            if (random.nextBoolean()) {
                ledgerOutage();
            }
            Duration run = Duration.ofDays(DAYS);
            if (errorRate > 0) {
                faults.add(new Fault(Fault.Kind.LEDGER_ERRORS, base.start(), -1, run));
            }
            if (timeoutRate > 0) {
                faults.add(new Fault(Fault.Kind.LEDGER_TIMEOUTS_AFTER_STORE, base.start(), -1, run));
            }
            return new ChaosSchedule(seed, base.withSteps(steps), faults);
        }

        private void kioskFault(int kiosk) {
            switch (random.nextInt(8)) {
                case 0 -> linkCut(kiosk, Fault.Kind.LINK_CUT_MINUTES, randomHour(),
                        Duration.ofMinutes(5 + random.nextInt(51)));
                case 1 -> linkCut(kiosk, Fault.Kind.LINK_CUT_HOURS, randomHour(),
                        Duration.ofHours(1 + random.nextInt(20)));
                case 2 -> {
                    int days = 1 + random.nextInt(7);
                    int day = Math.max(0, DAYS_BEFORE_MONTH_END - days) + random.nextInt(Math.min(days, DAYS_BEFORE_MONTH_END));
                    linkCut(kiosk, Fault.Kind.LINK_CUT_DAYS_ACROSS_MONTH_END, hour(day, randomHourOfDay()),
                            Duration.ofDays(days));
                }
                case 3 -> depositAt(kiosk).ifPresent(d -> {
                    // the resident's first try dies with the agent; the deposit that follows is the second
                    steps.add(new Step.InterruptedDeposit(d.at(), kiosk, d.resident(), d.card(), 100 + random.nextInt(2000)));
                    faults.add(new Fault(Fault.Kind.AGENT_KILLED_BEFORE_COMMIT, d.at(), kiosk, Duration.ZERO));
                });
                case 4 -> depositAt(kiosk).ifPresent(d -> {
                    queuedThen(kiosk, d.at(), new Step.AgentRestart(d.at().plus(RESTART_AFTER), kiosk));
                    faults.add(new Fault(Fault.Kind.AGENT_KILLED_AFTER_COMMIT, d.at(), kiosk, RESTART_AFTER));
                });
                case 5 -> depositAt(kiosk).ifPresent(d -> {
                    queuedThen(kiosk, d.at(), new Step.KeyRotation(d.at().plus(RESTART_AFTER), kiosk));
                    faults.add(new Fault(Fault.Kind.KEY_ROTATED_WITH_EVENTS_QUEUED, d.at(), kiosk, RESTART_AFTER));
                });
                case 6 -> depositAt(kiosk).ifPresent(d -> {
                    // the slot's deposits find the disk full: not recorded, the resident told so
                    Duration lasting = Duration.ofHours(1 + random.nextInt(12));
                    steps.add(new Step.DiskFull(d.at(), kiosk, true));
                    steps.add(new Step.DiskFull(d.at().plus(lasting), kiosk, false));
                    faults.add(new Fault(Fault.Kind.KIOSK_DISK_FULL, d.at(), kiosk, lasting));
                });
                default -> {
                    // this kiosk runs without a fault of its own
                }
            }
        }

        private void linkCut(int kiosk, Fault.Kind kind, Instant at, Duration lasting) {
            steps.add(new Step.Link(at, kiosk, false));
            steps.add(new Step.Link(at.plus(lasting), kiosk, true));
            faults.add(new Fault(kind, at, kiosk, lasting));
        }

        /** The link is down for the slot's deposits (they commit, nothing leaves), then {@code step}, then the link is back. */
        private void queuedThen(int kiosk, Instant at, Step step) {
            steps.add(new Step.Link(at, kiosk, false));
            steps.add(step);
            steps.add(new Step.Link(step.at(), kiosk, true));
        }

        /** At a deposit whose kiosk is online then, so a decision is committed while the crash is armed. */
        private void collectorKilledAfterCommit() {
            List<Step.Deposit> online = deposits().stream().filter(d -> !offline(d.kiosk(), d.at())).toList();
            Instant at = (online.isEmpty() ? anyDeposit() : online.get(random.nextInt(online.size()))).at();
            Duration down = Duration.ofMinutes(20);
            steps.add(new Step.Collector(at, CollectorAction.CRASH_AT_NEXT_COMMIT));
            steps.add(new Step.Collector(at.plus(down), CollectorAction.START));
            faults.add(new Fault(Fault.Kind.COLLECTOR_KILLED_AFTER_COMMIT, at, -1, down));
        }

        /** The collector is stopped: a deposit reaches the broker (PUBACK) but gets no receipt; its kiosk restarts. */
        private Instant agentKilledAfterPuback() {
            Step.Deposit d = anyDeposit();
            steps.add(new Step.Collector(d.at(), CollectorAction.STOP));
            steps.add(new Step.AgentRestart(d.at().plus(RESTART_AFTER), d.kiosk()));
            steps.add(new Step.Collector(d.at().plus(RESTART_AFTER).plus(Duration.ofMinutes(10)), CollectorAction.START));
            faults.add(new Fault(Fault.Kind.AGENT_KILLED_AFTER_PUBACK, d.at(), d.kiosk(), RESTART_AFTER));
            return d.at();
        }

        private void brokerReset(Instant at) {
            steps.add(new Step.BrokerReset(at));
            faults.add(new Fault(Fault.Kind.BROKER_RESET_LOSING_SESSIONS, at, -1, Duration.ZERO));
        }

        private void ledgerOutage() {
            Instant at = randomHour();
            Duration down = Duration.ofHours(1 + random.nextInt(30));
            steps.add(new Step.Ledger(at, false));
            steps.add(new Step.Ledger(at.plus(down), true));
            faults.add(new Fault(Fault.Kind.LEDGER_OUTAGE, at, -1, down));
        }

        /** Whether the faults drawn so far have the kiosk offline at {@code at}: its link down or its disk full. */
        private boolean offline(int kiosk, Instant at) {
            boolean down = false;
            for (Step step : steps.stream().sorted(Comparator.comparing(Step::at)).toList()) {
                if (step.at().isAfter(at)) {
                    break;
                }
                if (step instanceof Step.Link l && l.kiosk() == kiosk) {
                    down = !l.up();
                } else if (step instanceof Step.DiskFull f && f.kiosk() == kiosk) {
                    down = f.full();
                }
            }
            return down;
        }

        private List<Step.Deposit> deposits() {
            return base.slots().values().stream().flatMap(List::stream)
                    .filter(s -> s instanceof Step.Deposit).map(s -> (Step.Deposit) s).toList();
        }

        private Optional<Step.Deposit> depositAt(int kiosk) {
            List<Step.Deposit> mine = deposits().stream().filter(d -> d.kiosk() == kiosk).toList();
            return mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(random.nextInt(mine.size())));
        }

        private Step.Deposit anyDeposit() {
            List<Step.Deposit> all = deposits();
            return all.get(random.nextInt(all.size()));
        }

        private Instant randomHour() {
            return hour(random.nextInt(DAYS), randomHourOfDay());
        }

        private int randomHourOfDay() {
            return FIRST_HOUR + random.nextInt(LAST_HOUR - FIRST_HOUR + 1);
        }

        private Instant hour(int day, int hourOfDay) {
            return base.settings().start().plusDays(day).withHour(hourOfDay).atZone(Timestamps.SHANGHAI).toInstant();
        }
    }
}

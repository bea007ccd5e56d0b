package org.carbonkiosk.simulator.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.simulator.clock.SimClock;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.simulator.fraud.Fraudster;
import org.carbonkiosk.simulator.report.Reconciliation;
import org.carbonkiosk.simulator.report.RunSummary;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.Profile;
import org.carbonkiosk.simulator.residents.Resident;
import org.carbonkiosk.simulator.residents.Resident.Binding;
import org.carbonkiosk.simulator.residents.ScenarioSettings;
import org.carbonkiosk.simulator.residents.Step;
import org.carbonkiosk.simulator.truth.GroundTruth;
import org.carbonkiosk.protocol.event.Timestamps;
import org.tinylog.Logger;

/**
 * Runs a {@link Plan} against a real {@link Environment}: the kiosks are real agents on
 * simulated hardware, the residents act on them slot by slot while the simulated clock jumps
 * between slots, faults and fraud happen when the plan says, and at the end the ledger is
 * reconciled against the simulator's own ground truth.
 */
public final class SimulationRun implements AutoCloseable {
    private final Plan plan;
    private final Environment env;
    private final SimClock clock;
    private final byte[] fleetKey = new byte[32];
    private final List<KioskNode> kiosks = new ArrayList<>();
    private final GroundTruth truth = new GroundTruth();
    private final Fraudster fraudster;
    private final ExecutorService residents;
    private final AtomicLong deposits = new AtomicLong();
    private final AtomicLong failedDeposits = new AtomicLong();
    private final AtomicLong weightMismatches = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private Duration settleTimeout = Duration.ofSeconds(180);

    private final String idPrefix;

    private SimulationRun(Plan plan, Environment env, SimClock clock, String idPrefix) {
        this.plan = plan;
        this.env = env;
        this.clock = clock;
        this.idPrefix = idPrefix;
        new SecureRandom().nextBytes(fleetKey);
        this.fraudster = new Fraudster(env.observer(), env.api(), clock, idPrefix);
        this.residents = Executors.newFixedThreadPool(plan.settings().kiosks(), r -> {
            Thread t = new Thread(r, "resident");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the environment and the fleet under {@code dataDir}; the clock starts an hour before the plan. */
    public static SimulationRun prepare(Plan plan, Path dataDir, int mqttPort, int httpPort) throws IOException {
        return prepare(plan, dataDir, mqttPort, httpPort, Optional.empty());
    }

    /**
     * As {@link #prepare(Plan, Path, int, int)}, on a broker already running when
     * {@code externalMqttUrl} is given (the plan must not restart the broker then). Device ids
     * get a random prefix on an external broker, so no session of an earlier run is reused.
     */
    public static SimulationRun prepare(Plan plan, Path dataDir, int mqttPort, int httpPort,
                                        Optional<String> externalMqttUrl) throws IOException {
        if (externalMqttUrl.isPresent() && plan.settings().brokerRestart()) {
            throw new IllegalArgumentException("a broker restart needs the embedded broker");
        }
        SimClock clock = SimClock.startingAt(plan.start().minus(Duration.ofHours(1)), Timestamps.SHANGHAI);
        Environment env = Environment.start(dataDir, clock, mqttPort, httpPort, plan.settings().seed(), externalMqttUrl);
        String prefix = externalMqttUrl.isEmpty() ? "SIM"
                : "S" + Long.toString(Math.floorMod(new SecureRandom().nextLong(), 60_466_176L), 36).toUpperCase();
        SimulationRun run = new SimulationRun(plan, env, clock, prefix);
        try {
            run.provision(dataDir);
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    public Environment environment() {
        return env;
    }

    /** How long to wait at the end for every receipt and ledger credit (default 180 s). */
    public SimulationRun settleTimeout(Duration timeout) {
        this.settleTimeout = timeout;
        return this;
    }

    private void provision(Path dataDir) throws IOException {
        OffsetDateTime calibratedAt = OffsetDateTime.ofInstant(plan.start().minus(Duration.ofDays(30)), ZoneOffset.ofHours(8));
        for (int k = 0; k < plan.settings().kiosks(); k++) {
            boolean claw = plan.isClaw(k);
            String id = idPrefix + (claw ? "-CK-" : "-RB-") + "%04d".formatted(k + 1);
            java.net.URI broker = java.net.URI.create(env.brokerUrl());
            kiosks.add(KioskNode.provisionAndStart(id, claw, dataDir.resolve("kiosks").resolve(id), fleetKey,
                    calibratedAt, broker.getHost(), broker.getPort(), env.api(), clock));
        }
        for (Resident r : plan.residents()) {
            for (Resident.Card card : r.cards()) {
                if (card.binding() == Binding.AT_START) {
                    env.api().bindCard(token(card), r.account());
                }
            }
        }
        if (plan.settings().fraud()) {
            fraudster.setUp();
        }
        env.ledger().faults().errorRate(plan.settings().ledgerErrorRate())
                .timeoutAfterStoreRate(plan.settings().ledgerTimeoutRate()).hangMillis(300);
        Logger.info("fleet up: {} kiosks, {} residents", kiosks.size(), plan.residents().size());
    }

    /** Runs every slot of the plan, then waits until every event is decided and forwarded. */
    public RunSummary run(Consumer<Progress> progress) throws InterruptedException {
        int slots = plan.slots().size();
        int done = 0;
        for (Map.Entry<Instant, List<Step>> slot : plan.slots().entrySet()) {
            clock.advanceTo(slot.getKey());
            List<Step.Deposit> depositSteps = new ArrayList<>();
            for (Step step : slot.getValue()) {
                if (step instanceof Step.Deposit d) {
                    depositSteps.add(d);
                } else {
                    perform(step);
                }
            }
            runDeposits(depositSteps);
            progress.accept(new Progress(++done, slots, deposits.get(), clock.instant(), "simulating"));
        }
        clock.advanceTo(plan.end());
        restoreEverything();
        progress.accept(new Progress(done, slots, deposits.get(), clock.instant(), "settling"));
        awaitSettled();
        return summary();
    }

    private void perform(Step step) {
        if (step instanceof Step.Bind b) {
            Resident r = plan.residents().get(b.resident());
            env.api().bindCard(token(r.cards().get(b.card())), r.account());
            Logger.info("bound a late card of {}", r.account());
        } else if (step instanceof Step.Link l) {
            if (l.up()) {
                kiosks.get(l.kiosk()).link().restore();
            } else {
                kiosks.get(l.kiosk()).link().cut();
            }
        } else if (step instanceof Step.Broker b) {
            EmbeddedBroker broker = env.broker().orElseThrow();
            if (b.up()) {
                broker.start();
                Logger.info("broker started again");
            } else {
                broker.stop();
                Logger.info("broker stopped");
            }
        } else if (step instanceof Step.Ledger l) {
            if (l.up()) {
                env.ledger().comeUp();
            } else {
                env.ledger().goDown();
            }
        } else if (step instanceof Step.Fraud f) {
            fraudster.attempt(f.kind(), token(boundCardFrom(f.resident())), kiosks.get(0).deviceId());
        }
    }

    private void runDeposits(List<Step.Deposit> steps) throws InterruptedException {
        if (steps.isEmpty()) {
            return;
        }
        Map<Integer, List<Step.Deposit>> byKiosk = new LinkedHashMap<>();
        steps.forEach(d -> byKiosk.computeIfAbsent(d.kiosk(), k -> new ArrayList<>()).add(d));
        List<Future<?>> running = new ArrayList<>();
        for (Map.Entry<Integer, List<Step.Deposit>> e : byKiosk.entrySet()) {
            KioskNode kiosk = kiosks.get(e.getKey());
            running.add(residents.submit(() -> {
                for (Step.Deposit d : e.getValue()) {
                    deposit(kiosk, d);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a resident's deposit went wrong", e.getCause());
            }
        }
    }

    private void deposit(KioskNode kiosk, Step.Deposit d) throws InterruptedException {
        Resident r = plan.residents().get(d.resident());
        Resident.Card card = r.cards().get(d.card());
        Instant at = clock.instant();
        int recorded;
        try {
            recorded = kiosk.deposit(card.uid(), d.adds());
        } catch (IllegalStateException e) {
            failedDeposits.incrementAndGet();
            Logger.warn("deposit at {} by {} not recorded: {}", kiosk.deviceId(), r.account(), e.getMessage());
            return;
        }
        if (recorded != d.netGrams()) {
            weightMismatches.incrementAndGet();
            Logger.warn("kiosk {} recorded {} g for a deposit of {} g", kiosk.deviceId(), recorded, d.netGrams());
        }
        truth.record(r.account(), kiosk.deviceId(), at, d.netGrams(), card.binding() != Binding.NEVER);
        deposits.incrementAndGet();
    }

    private void restoreEverything() {
        env.broker().filter(b -> !b.isRunning()).ifPresent(EmbeddedBroker::start);
        env.ledger().comeUp();
        env.ledger().faults().none();
        kiosks.forEach(k -> k.link().restore());
    }

    private void awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        long stableSince = System.nanoTime();
        int lastCount = -1;
        while (System.nanoTime() < deadline) {
            boolean outboxesEmpty = kiosks.stream().allMatch(k -> k.outboxDepth() == 0);
            String metrics = safeMetrics();
            boolean collectorIdle = metric(metrics, "kiosk_ledger_backlog") == 0
                    && metric(metrics, "kiosk_decision_queue") == 0;
            int count = env.ledger().creditCount();
            if (count != lastCount) {
                lastCount = count;
                stableSince = System.nanoTime();
            }
            boolean matches = Reconciliation.of(truth.expected(), env.ledger().totals(), truth.depositCounts()).allMatch();
            if (outboxesEmpty && collectorIdle && (matches || System.nanoTime() - stableSince > 5_000_000_000L)) {
                return;
            }
            Thread.sleep(200);
        }
        Logger.warn("the fleet did not settle within {}: {} events still without a receipt", settleTimeout,
                undelivered());
    }

    /** Events still in the kiosks' outboxes (no receipt yet). */
    private long undelivered() {
        return kiosks.stream().mapToLong(k -> Math.max(0, k.outboxDepth())).sum();
    }

    private String safeMetrics() {
        try {
            return env.api().metrics();
        } catch (RuntimeException e) {
            return "";
        }
    }

    static long metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String[] parts = line.trim().split("\\s+");
                try {
                    return (long) Double.parseDouble(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private RunSummary summary() {
        ScenarioSettings s = plan.settings();
        Reconciliation rec = Reconciliation.of(truth.expected(), env.ledger().totals(), truth.depositCounts());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("seed", Long.toString(s.seed()));
        long claws = kiosks.stream().filter(KioskNode::claw).count();
        facts.put("kiosks", "%d (%d recycling boxes, %d claw kiosks), each a real device agent".formatted(
                kiosks.size(), kiosks.size() - claws, claws));
        List<Resident> rs = plan.residents();
        facts.put("residents", "%d (%d heavy recyclers, %d with two cards, %d cards bound late, %d never bound)".formatted(
                rs.size(), rs.stream().filter(r -> r.profile() == Profile.HEAVY).count(),
                rs.stream().filter(r -> r.cards().size() == 2).count(), cards(Binding.LATER), cards(Binding.NEVER)));
        facts.put("simulated period", plan.start().atZone(Timestamps.SHANGHAI).toLocalDateTime() + " to "
                + plan.end().atZone(Timestamps.SHANGHAI).toLocalDateTime() + " Asia/Shanghai");
        facts.put("deposits", deposits.get() + " recorded by the kiosks (" + failedDeposits.get() + " not recorded, "
                + weightMismatches.get() + " weighed differently)");
        facts.put("network faults", s.offlineKiosks() + " kiosks offline for hours"
                + (s.brokerRestart() ? ", one broker restart" : ""));
        facts.put("ledger faults", "%.0f%% errors, %.0f%% timeouts after storing, down for %s".formatted(
                s.ledgerErrorRate() * 100, s.ledgerTimeoutRate() * 100, s.ledgerDown()));
        facts.put("events without a receipt", undelivered() + " left in the kiosks' outboxes at the end");
        facts.put("collector", "http://127.0.0.1:" + env.collector().httpPort() + " (data in " + env.dataDir() + ")");
        return new RunSummary(facts, truth, rec, env.observer().decisionsByReason(currentOfHeld()),
                plan.settings().fraud() ? fraudster.outcomes() : List.of(), env.ledger().stats(),
                env.ledger().violations(), undelivered(), Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** Held events as the collector has them now (a release credits them without a new first receipt). */
    private Map<String, String> currentOfHeld() {
        Map<String, String> current = new java.util.HashMap<>();
        for (String eventId : env.observer().heldEventIds()) {
            try {
                env.api().event(eventId).ifPresent(e -> current.put(eventId, e.path("status").asText()
                        + (e.path("reason").isTextual() ? "/" + e.path("reason").asText() : "")));
            } catch (RuntimeException e) {
                Logger.warn("cannot read event {}: {}", eventId, e.getMessage());
            }
        }
        return current;
    }

    private long cards(Binding binding) {
        return plan.residents().stream().flatMap(r -> r.cards().stream()).filter(c -> c.binding() == binding).count();
    }

    private Resident.Card boundCardFrom(int index) {
        List<Resident> rs = plan.residents();
        for (int i = 0; i < rs.size(); i++) {
            Resident r = rs.get((index + i) % rs.size());
            if (r.cards().get(0).binding() == Binding.AT_START) {
                return r.cards().get(0);
            }
        }
        throw new IllegalStateException("no resident with a bound card");
    }

    private String token(Resident.Card card) {
        return CardToken.of(fleetKey, card.uid());
    }

    public List<KioskNode> kiosks() {
        return List.copyOf(kiosks);
    }

    /** Stops the fleet (agents first), then the environment. */
    @Override
    public void close() {
        residents.shutdownNow();
        for (int i = kiosks.size() - 1; i >= 0; i--) {
            try {
                kiosks.get(i).close();
            } catch (RuntimeException e) {
                Logger.warn("closing {}: {}", kiosks.get(i).deviceId(), e.getMessage());
            }
        }
        env.close();
    }

    /** Stops only the fleet, leaving the collector API up for exploring. */
    public void stopFleet() {
        residents.shutdownNow();
        kiosks.forEach(KioskNode::close);
        kiosks.clear();
    }
}

package org.carbonkiosk.simulator.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.simulator.clock.SimClock;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.simulator.fraud.Fraudster;
import org.carbonkiosk.simulator.report.RunSummary;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.Resident.Binding;
import org.carbonkiosk.simulator.residents.Resident;
import org.carbonkiosk.simulator.residents.Step;
import org.carbonkiosk.simulator.truth.GroundTruth;
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
    private final ResidentDeposits residents;
    private final StepActions actions;
    private final Settling settling;
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
        this.residents = new ResidentDeposits(plan, kiosks, truth, clock);
        this.actions = new StepActions(plan, env, kiosks, fraudster, this::token);
        this.settling = new Settling(env, kiosks, truth);
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
    public RunSummary run(Consumer<Progress> progress) throws InterruptedException, IOException {
        int slots = plan.slots().size();
        int done = 0;
        for (Map.Entry<Instant, List<Step>> slot : plan.slots().entrySet()) {
            clock.advanceTo(slot.getKey());
            List<Step.Deposit> depositSteps = new ArrayList<>();
            for (Step step : slot.getValue()) {
                if (step instanceof Step.Deposit d) {
                    depositSteps.add(d);
                } else {
                    actions.perform(step);
                }
            }
            residents.run(depositSteps);
            progress.accept(new Progress(++done, slots, residents.recorded(), clock.instant(), "simulating"));
        }
        clock.advanceTo(plan.end());
        actions.restoreEverything();
        progress.accept(new Progress(done, slots, residents.recorded(), clock.instant(), "settling"));
        settling.await(settleTimeout);
        return RunReport.summarise(plan, env, kiosks, truth, residents, settling, fraudster,
                Duration.ofNanos(System.nanoTime() - startedNanos));
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
        residents.close();
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
        residents.close();
        kiosks.forEach(KioskNode::close);
        kiosks.clear();
    }
}

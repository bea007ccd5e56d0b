package org.carbonkiosk.simulator.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.simulator.fraud.Fraudster;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.Resident.Binding;
import org.carbonkiosk.simulator.residents.Resident;
import org.carbonkiosk.simulator.residents.Step;
import org.tinylog.Logger;

/**
 * The plan's steps other than deposits: late card bindings, links cut and restored, the broker
 * and the ledger going down and up, fraud attempts, the chaos run's crashes and restarts; and,
 * at the end, everything restored.
 */
final class StepActions {
    private final Plan plan;
    private final Environment env;
    private final List<KioskNode> kiosks;
    private final Fraudster fraudster;
    private final Function<Resident.Card, String> token;
    private final List<Step> waitingForCollector = new ArrayList<>();

    StepActions(Plan plan, Environment env, List<KioskNode> kiosks, Fraudster fraudster,
                Function<Resident.Card, String> token) {
        this.plan = plan;
        this.env = env;
        this.kiosks = kiosks;
        this.fraudster = fraudster;
        this.token = token;
    }

    void perform(Step step) throws InterruptedException, IOException {
        if ((step instanceof Step.Bind || step instanceof Step.KeyRotation) && !env.collectorUp()) {
            waitingForCollector.add(step); // the operator's API call, made once the collector is back
        } else if (step instanceof Step.Bind b) {
            bind(b);
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
            fraudster.attempt(f.kind(), token.apply(boundCardFrom(f.resident())), kiosks.get(0).deviceId());
        } else {
            performChaos(step);
        }
    }

    /** The chaos run's faults: broker reset, collector stop/crash/start, agent restarts, full disks, key rotation. */
    private void performChaos(Step step) throws InterruptedException, IOException {
        if (step instanceof Step.BrokerReset) {
            env.resetBroker();
        } else if (step instanceof Step.Collector c) {
            switch (c.action()) {
                case STOP -> env.stopCollector();
                case CRASH_AT_NEXT_COMMIT -> env.crashCollectorAtNextCommit();
                case START -> startCollector();
            }
        } else if (step instanceof Step.AgentRestart a) {
            kiosks.get(a.kiosk()).restartAgent();
            Logger.info("agent of {} restarted", kiosks.get(a.kiosk()).deviceId());
        } else if (step instanceof Step.InterruptedDeposit d) {
            Resident r = plan.residents().get(d.resident());
            kiosks.get(d.kiosk()).interruptedDeposit(r.cards().get(d.card()).uid(), d.grams());
            Logger.info("agent of {} stopped during a session of {}", kiosks.get(d.kiosk()).deviceId(), r.account());
        } else if (step instanceof Step.DiskFull d) {
            kiosks.get(d.kiosk()).diskFull(d.full());
            Logger.info("disk of {} {}", kiosks.get(d.kiosk()).deviceId(), d.full() ? "full" : "has room again");
        } else if (step instanceof Step.KeyRotation k) {
            kiosks.get(k.kiosk()).rotateKey(env.api());
            Logger.info("key of {} rotated", kiosks.get(k.kiosk()).deviceId());
        } else {
            throw new IllegalArgumentException("not an action step: " + step);
        }
    }

    /** After the last slot: the broker, the collector, the ledger and every link are up, no ledger faults. */
    void restoreEverything() throws InterruptedException, IOException {
        env.broker().filter(b -> !b.isRunning()).ifPresent(EmbeddedBroker::start);
        if (env.collectorDisturbed()) {
            startCollector();
        }
        env.ledger().comeUp();
        env.ledger().faults().none();
        kiosks.forEach(k -> k.link().restore());
    }

    private void bind(Step.Bind b) {
        Resident r = plan.residents().get(b.resident());
        env.api().bindCard(token.apply(r.cards().get(b.card())), r.account());
        Logger.info("bound a late card of {}", r.account());
    }

    private void startCollector() throws InterruptedException, IOException {
        env.startCollector();
        List<Step> waiting = List.copyOf(waitingForCollector);
        waitingForCollector.clear();
        for (Step step : waiting) {
            perform(step);
        }
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
}

package org.carbonkiosk.simulator.demo;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.carbonkiosk.simulator.fleet.KioskNode;
import org.carbonkiosk.simulator.residents.Plan;
import org.carbonkiosk.simulator.residents.Resident.Binding;
import org.carbonkiosk.simulator.residents.Resident;
import org.carbonkiosk.simulator.residents.Step;
import org.carbonkiosk.simulator.truth.GroundTruth;
import org.tinylog.Logger;

/**
 * The residents at the kiosks: one slot's deposits, each kiosk's in order and the kiosks side by
 * side, each deposit recorded in the ground truth and counted.
 */
final class ResidentDeposits implements AutoCloseable {
    private final Plan plan;
    private final List<KioskNode> kiosks;
    private final GroundTruth truth;
    private final InstantSource clock;
    private final ExecutorService residents;
    private final AtomicLong deposits = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong weightMismatches = new AtomicLong();

    ResidentDeposits(Plan plan, List<KioskNode> kiosks, GroundTruth truth, InstantSource clock) {
        this.plan = plan;
        this.kiosks = kiosks;
        this.truth = truth;
        this.clock = clock;
        this.residents = Executors.newFixedThreadPool(plan.settings().kiosks(), r -> {
            Thread t = new Thread(r, "resident");
            t.setDaemon(true);
            return t;
        });
    }

    void run(List<Step.Deposit> steps) throws InterruptedException {
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
            failed.incrementAndGet();
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

    long recorded() {
        return deposits.get();
    }

    long failed() {
        return failed.get();
    }

    long weightMismatches() {
        return weightMismatches.get();
    }

    @Override
    public void close() {
        residents.shutdownNow();
    }
}

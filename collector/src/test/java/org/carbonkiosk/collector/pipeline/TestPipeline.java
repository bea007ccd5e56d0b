package org.carbonkiosk.collector.pipeline;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.decide.Checks;
import org.carbonkiosk.collector.decide.Decided;
import org.carbonkiosk.collector.decide.DecisionCore;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.decide.Screener;
import org.carbonkiosk.collector.decide.SigningDevice;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.ingest.Inbound;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.ScaleMode;

/**
 * The real ingest pipeline without MQTT: ordered verifier, decision loop (group commit), effects
 * after commit, on the given store; messages go in as a broker would deliver them.
 */
final class TestPipeline {
    /**
     * What a run produced: the committed decisions in decision order, and how often each message
     * (by its index) was acknowledged.
     */
    record Run(List<Decided> decided, AtomicIntegerArray acks) {
    }

    private TestPipeline() {
    }

    static Run run(Screener screener, int threads, DecisionStore.Transactions transactions, Clock clock,
                   List<RecordedStream.Message> messages) {
        List<Decided> decided = Collections.synchronizedList(new ArrayList<>());
        AtomicIntegerArray acks = new AtomicIntegerArray(messages.size());
        AtomicInteger acked = new AtomicInteger();
        AfterCommit after = new AfterCommit((device, receipt) -> { }, new DeviceLiveState(), new Metrics(), () -> { },
                decided::addAll);
        IngestSettings settings = new IngestSettings(threads, 256, 64, Duration.ofMillis(1), 65_536);
        OrderedVerifier verifier = new OrderedVerifier(screener, threads, settings.queueCapacity());
        DecisionCore core = new DecisionCore(RuleVersions.of(CreditRule.defaults()),
                Checks.defaults(),
                IntegrityLimits.defaults());
        DecisionLoop loop = new DecisionLoop(verifier, core, transactions, after, new Metrics(), clock, settings);
        loop.start();
        try {
            for (int i = 0; i < messages.size(); i++) {
                RecordedStream.Message m = messages.get(i);
                int index = i;
                verifier.accept(new Inbound(m.topic(), m.raw(), m.receivedAt(), () -> {
                    acks.incrementAndGet(index);
                    acked.incrementAndGet();
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() >= messages.size());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            verifier.stopAccepting();
            loop.stop();
            verifier.close();
        }
        return new Run(List.copyOf(decided), acks);
    }

    /**
     * A SQLite store (the real schema) with the kiosks registered (tray kiosks: their synthetic
     * deposits carry no weight chain) and the cards bound to their accounts.
     */
    static Store sqlite(Path file, List<SigningDevice> kiosks, Map<String, String> accountByCard) {
        Store store = Store.open("jdbc:sqlite:" + file, 4);
        store.db().write(c -> {
            for (SigningDevice k : kiosks) {
                store.devices().insert(c, k.deviceId, "recycling-box", "test", "2026-01-01T00:00:00Z", 1, "unused");
                store.integrity().setScaleMode(c, k.deviceId, ScaleMode.TRAY); // no weight chain in these streams
            }
            for (Map.Entry<String, String> e : accountByCard.entrySet()) {
                store.cards().bind(c, e.getKey(), e.getValue(), "2026-01-01T00:00:00Z");
            }
            return null;
        });
        return store;
    }
}

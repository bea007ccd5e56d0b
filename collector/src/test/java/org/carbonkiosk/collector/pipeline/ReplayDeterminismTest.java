package org.carbonkiosk.collector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.collector.decide.Checks;
import org.carbonkiosk.collector.decide.DecisionCore;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.decide.InMemoryDecisionStore;
import org.carbonkiosk.collector.decide.SigningDevice;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.ingest.Inbound;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.jdbc.JdbcDecisionStore;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Test;

/**
 * The same recorded stream through the real pipeline (ordered verifier, decision loop, group
 * commit, effects after commit) with 1, 2 and 8 verify threads: the same decisions, in the same
 * order, on the in-memory store and on SQLite.
 */
class ReplayDeterminismTest {
    private static final RecordedStream STREAM = new RecordedStream(20261201L, 3000);
    private static final Clock CLOCK = Clock.fixed(SigningDevice.RECEIVED.plusSeconds(600), ZoneOffset.UTC);

    @Test
    void replay_inMemory_sameDecisionsWhateverTheVerifyThreads() {
        List<String> one = replay(1, memoryStore());
        assertThat(replay(2, memoryStore())).isEqualTo(one);
        assertThat(replay(8, memoryStore())).isEqualTo(one);
        assertStreamCoversEveryKind(one);
    }

    @Test
    void replay_onSqlite_sameDecisionsAsInMemory() throws Exception {
        List<String> memory = replay(2, memoryStore());
        for (int threads : new int[] {1, 8}) {
            Path dir = Files.createTempDirectory("replay");
            try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("c.db"), 4)) {
                store.db().write(c -> {
                    for (SigningDevice k : STREAM.kiosks) {
                        store.devices().insert(c, k.deviceId, "recycling-box", "test", "2026-01-01T00:00:00Z", 1,
                                "unused");
                        store.integrity().setScaleMode(c, k.deviceId, ScaleMode.TRAY);
                    }
                    for (int i = 0; i < STREAM.boundCards.size(); i++) {
                        store.cards().bind(c, STREAM.boundCards.get(i), "acct-" + (i % 4), "2026-01-01T00:00:00Z");
                    }
                    return null;
                });
                assertThat(replay(threads, JdbcDecisionStore.transactions(store))).isEqualTo(memory);
            }
        }
    }

    private static InMemoryDecisionStore memoryStore() {
        InMemoryDecisionStore store = new InMemoryDecisionStore();
        STREAM.kiosks.forEach(k -> store.device(k.deviceId));
        for (int i = 0; i < STREAM.boundCards.size(); i++) {
            store.bind(STREAM.boundCards.get(i), "acct-" + (i % 4)); // two cards share some accounts
        }
        return store;
    }

    /** Every decision of the stream as a line, in decision order (receipts and unanswered ones alike). */
    private static List<String> replay(int threads, DecisionStore.Transactions transactions) {
        List<String> decisions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger acked = new AtomicInteger();
        CommitListener record = batch -> batch.forEach(d -> decisions.add(line(d.eventId().orElse("-"), d.receipt(),
                d.receiptDevice().isPresent())));
        AfterCommit after = new AfterCommit((device, receipt) -> { }, new DeviceLiveState(), new Metrics(), () -> { },
                record);
        IngestSettings settings = IngestSettings.defaults().withVerifyThreads(threads).withQueueCapacity(256)
                .withBatch(64, Duration.ofMillis(1));
        OrderedVerifier verifier = new OrderedVerifier(STREAM.registry.screener(), threads, settings.queueCapacity());
        DecisionCore core = new DecisionCore(RuleVersions.of(CreditRule.defaults()),
                new Checks(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofDays(365), false,
                        Duration.ofDays(7)), IntegrityLimits.defaults());
        DecisionLoop loop = new DecisionLoop(verifier, core, transactions, after, new Metrics(), CLOCK, settings);
        loop.start();
        try {
            for (RecordedStream.Message m : STREAM.messages) {
                verifier.accept(new Inbound(m.topic(), m.raw(), m.receivedAt(), acked::incrementAndGet));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() == STREAM.messages.size());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            verifier.stopAccepting();
            loop.stop();
            verifier.close();
        }
        return List.copyOf(decisions);
    }

    private static String line(String eventId, Receipt r, boolean answered) {
        return eventId + " " + r.status().wire() + " " + r.reason().map(x -> x.wire()).orElse("-") + " "
                + r.creditedGrams() + " " + r.monthCreditedGrams().map(String::valueOf).orElse("-")
                + (r.repeat() ? " repeat" : "") + (answered ? "" : " unanswered");
    }

    private static void assertStreamCoversEveryKind(List<String> decisions) {
        assertThat(decisions).hasSize(STREAM.messages.size());
        for (String kind : new String[] {" credited - ", " repeat", " bad-signature ", " malformed ", " cap-reached ",
                " card-unbound ", " implausible-weight ", " seq-conflict "}) {
            assertThat(decisions).as("the stream holds " + kind).anyMatch(d -> d.contains(kind));
        }
    }
}

package org.carbonkiosk.collector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.decide.InMemoryDecisionStore;
import org.carbonkiosk.collector.decide.SigningDevice;
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
            Map<String, String> accounts = new LinkedHashMap<>();
            for (int i = 0; i < STREAM.boundCards.size(); i++) {
                accounts.put(STREAM.boundCards.get(i), "acct-" + (i % 4));
            }
            try (Store store = TestPipeline.sqlite(dir.resolve("c.db"), STREAM.kiosks, accounts)) {
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
        return TestPipeline.run(STREAM.registry.screener(), threads, transactions, CLOCK, STREAM.messages).decided()
                .stream().map(d -> line(d.eventId().orElse("-"), d.receipt(), d.receiptDevice().isPresent())).toList();
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

package org.carbonkiosk.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.event.Timestamps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private EventSigner signer;

    @BeforeEach
    void setUp() throws Exception {
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(dir.resolve("id")).createFirst();
        signer = new EventSigner("UT-OB-0001", key, SignedEventCodec.standard(), Clock.systemUTC(),
                Timestamps.SHANGHAI, () -> true, "1.0.0");
    }

    private Outbox open() throws StoreException {
        return Outbox.open(dir.resolve("outbox.db"), now::get);
    }

    private StoredEvent append(Outbox o, int net) throws StoreException {
        return o.append(seq -> signer.deposit(seq, "d".repeat(64), Material.PAPER, 100, 100 + net, Optional.empty()),
                false, Optional.empty()).orElseThrow();
    }

    @Test
    void append_reopened_seqContinuesAndNeverRepeatsEvenAfterPurge() throws Exception {
        try (Outbox o = open()) {
            assertThat(append(o, 1).seq()).isEqualTo(1);
            assertThat(append(o, 2).seq()).isEqualTo(2);
            o.settle("UT-OB-0001:1", "credited", Optional.empty(), 10);
            o.settle("UT-OB-0001:2", "credited", Optional.empty(), 10);
            now.addAndGet(10_000);
            assertThat(o.purgeSettledBefore(now.get())).isEqualTo(2);
        }
        try (Outbox o = open()) {
            assertThat(o.lastSeq()).isEqualTo(2);
            assertThat(append(o, 3).seq()).isEqualTo(3);
        }
    }

    @Test
    void append_signerThrows_nothingStoredSeqNotTaken() throws Exception {
        try (Outbox o = open()) {
            assertThatThrownBy(() -> o.append(seq -> {
                throw new IllegalArgumentException("boom");
            }, false, Optional.empty())).hasMessage("boom");

            assertThat(o.lastSeq()).isZero();
            assertThat(append(o, 5).seq()).isEqualTo(1);
        }
    }

    @Test
    void purge_neverDeletesUnreceiptedEvents() throws Exception {
        try (Outbox o = open()) {
            append(o, 1);
            append(o, 2);
            o.settle("UT-OB-0001:2", "held", Optional.of("card-unbound"), 0);
            now.addAndGet(1_000_000);

            o.purgeSettledBefore(now.get());

            assertThat(o.depth()).isEqualTo(1);
            assertThat(o.due(10, 60_000)).extracting(StoredEvent::eventId).containsExactly("UT-OB-0001:1");
        }
    }

    @Test
    void due_afterPublish_waitsForTimeoutThenDueAgainWithSameBytes() throws Exception {
        try (Outbox o = open()) {
            StoredEvent e = append(o, 1);
            o.markPublished(e.seq(), now.get() + 60_000);
            assertThat(o.due(10, 900_000)).isEmpty();
            assertThat(o.inFlight(60_000)).isEqualTo(1);

            now.addAndGet(60_000);

            StoredEvent again = o.due(10, 900_000).get(0);
            assertThat(again.jws()).isEqualTo(e.jws());
            assertThat(again.attempts()).isEqualTo(1);
        }
    }

    @Test
    void inFlight_eventInLongBackoff_notCountedAfterTheFirstWait() throws Exception {
        try (Outbox o = open()) {
            StoredEvent e = append(o, 1);
            o.markPublished(e.seq(), now.get() + 480_000);

            now.addAndGet(60_001);

            assertThat(o.inFlight(60_000)).isZero();
            assertThat(o.due(10, 900_000)).isEmpty();
        }
    }

    @Test
    void due_wallClockJumpedBack_eventNotStuck() throws Exception {
        try (Outbox o = open()) {
            StoredEvent e = append(o, 1);
            o.markPublished(e.seq(), now.get() + 60_000);

            now.set(10);

            assertThat(o.due(10, 900_000)).hasSize(1);
        }
    }

    @Test
    void settle_twice_secondIsNotFirstTime() throws Exception {
        try (Outbox o = open()) {
            append(o, 1);

            assertThat(o.settle("UT-OB-0001:1", "credited", Optional.empty(), 5).orElseThrow().firstTime()).isTrue();
            assertThat(o.settle("UT-OB-0001:1", "credited", Optional.empty(), 5).orElseThrow().firstTime()).isFalse();
            assertThat(o.settle("UT-OB-0001:99", "credited", Optional.empty(), 5)).isEmpty();
        }
    }

    @Test
    void append_clawGrantTwiceForOneDeposit_secondDoesNothing() throws Exception {
        try (Outbox o = open()) {
            Optional<Outbox.ClawGrant> grant = Optional.of(new Outbox.ClawGrant("UT-OB-0001:1", 2));
            assertThat(o.append(seq -> signer.clawPlay(seq, 2, "UT-OB-0001:1"), false, grant)).isPresent();
            assertThat(o.append(seq -> signer.clawPlay(seq, 2, "UT-OB-0001:1"), false, grant)).isEmpty();
            assertThat(o.lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void journal_closedWithDeposit_goneInSameTransaction() throws Exception {
        try (Outbox o = open()) {
            o.openJournal("d".repeat(64), 100);
            assertThat(o.journal()).isPresent();

            o.append(seq -> signer.deposit(seq, "d".repeat(64), Material.PAPER, 100, 300, Optional.empty()), true,
                    Optional.empty());

            assertThat(o.journal()).isEmpty();
        }
    }

    @Test
    void open_corruptFile_refusedWithIntegrityMessage() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (Outbox o = open()) {
            for (int i = 0; i < 50; i++) {
                append(o, i);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 4096 + 100; i < bytes.length; i += 7) {
            bytes[i] = (byte) 0x5a;
        }
        Files.write(file, bytes);
        Files.deleteIfExists(dir.resolve("outbox.db-wal"));
        Files.deleteIfExists(dir.resolve("outbox.db-shm"));

        assertThatThrownBy(this::open).isInstanceOf(StoreException.class);
    }

    @Test
    void open_storeOfAnEarlierVersion_migratedAndKeepsItsEvents() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             var st = c.createStatement()) {
            st.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            st.execute("INSERT INTO meta VALUES ('last_seq', 7)");
            st.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
                    + " jws TEXT NOT NULL, card TEXT, net_grams INTEGER, created_at INTEGER NOT NULL,"
                    + " attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0,"
                    + " settled_at INTEGER, status TEXT, reason TEXT, credited_grams INTEGER)");
            st.execute("INSERT INTO outbox (seq, event_id, type, jws, created_at) VALUES (7, 'UT-OB-0001:7',"
                    + " 'door-forced', 'x.y.z', 1)");
        }

        try (Outbox o = open()) {
            assertThat(o.depth()).isEqualTo(1);
            assertThat(o.inFlight(60_000)).isZero();
            assertThat(append(o, 1).seq()).isEqualTo(8);
        }
    }

    @Test
    void open_walAndFullSync() throws Exception {
        try (Outbox o = open()) {
            append(o, 1);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }
}

package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.carbonkiosk.agent.hardware.DoorLock;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.outbox.Journal;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.StoredEvent;
import org.carbonkiosk.agent.sign.EventSigner;
import org.carbonkiosk.agent.support.DbBytes;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts on the kiosk, as crash images of the real outbox (real SQLite, the agent's own open
 * path and boot recovery). A writer thread runs deposit sessions as the session runner does
 * (journal opened, then the deposit appended with the journal closed in the same transaction;
 * some sessions end without an event and close the journal with an audit line). Two kinds of
 * image are opened afterwards:
 * <ol>
 * <li>copies of {@code outbox.db} and {@code outbox.db-wal} taken at seeded random instants of
 * the burst, without {@code -shm} (it is only a cache and is lost with the power), so SQLite
 * rebuilds its WAL index from the WAL's checksummed frames;</li>
 * <li>the final db and WAL with the WAL cut at seeded random offsets: a torn write of the last
 * frames (frames past the cut, and a half-written frame, are gone).</li>
 * </ol>
 *
 * <p><b>The model.</b> With {@code journal_mode=WAL} and {@code synchronous=FULL} SQLite fsyncs
 * the WAL before a commit returns, so a power cut can lose only a transaction whose commit had
 * not returned. It can never lose half of one: the image must equal the writer's state after
 * exactly one of its transactions ({@code states}). For a copy that state lies between the last
 * transaction committed before the copy started (lower bound: everything committed by then was
 * durable, and only committed events are ever published) and the last one begun before it ended
 * (upper bound: frames in flight may or may not have reached the copy). For a cut WAL the state is
 * fixed exactly: the transactions whose commit frame lies wholly before the cut, on top of what
 * the db file already held. Because every published deposit was committed before the cut, it is in
 * the image; the next seq the reopened outbox hands out is one past the image's highest, so it
 * is never a seq any collector has seen. An image with an open journal (the power went during a
 * session) is closed by the boot recovery ({@link InterruptedSession}): the door is locked, one
 * audit line says so, no deposit is invented and no seq is taken.
 *
 * <p>A copy is not a perfect power cut in one case, and such copies are left out and counted: a
 * checkpoint followed by a WAL restart while the copy ran (the db copied before the checkpoint,
 * the WAL after its restart). A real power cut cannot produce that state, since the restart
 * happens only after the checkpoint's fsync of the db. A copy taken while a checkpoint writes
 * the db is kept: every page it writes is still in the WAL, which wins on open.
 *
 * <p>A copy reads the page cache, so this test cannot see whether SQLite really fsyncs; that is
 * why the connection the outbox opens must answer {@code synchronous=2} (FULL) and
 * {@code journal_mode=wal}: with {@code NORMAL} a commit that returned could still be lost.
 */
class OutboxCrashImageTest {
    private static final long SEED = 20261201L;
    private static final int SESSIONS = 300;
    private static final int COPIES = 60;
    private static final String DEVICE = "UT-CI-0001";

    @TempDir
    Path dir;
    private EventSigner signer;

    /** The writer's durable state after a transaction: what an image may hold. */
    record State(int deposits, Optional<String> journal, int auditLines) {
    }

    @BeforeEach
    void setUp() throws Exception {
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(dir.resolve("id")).createFirst();
        signer = new EventSigner(DEVICE, key, SignedEventCodec.standard(), Clock.systemUTC(), Timestamps.SHANGHAI,
                () -> true, "1.0.0");
        signer.deposit(1, "e".repeat(64), Material.PAPER, 100, 200, Optional.empty()); // warm up, so the burst is one
    }

    @Test
    void crashImages_duringAndAfterABurst_loseNothingCommittedNeverReuseASeqAndCloseSessionsHonestly()
            throws Exception {
        Path live = dir.resolve("live").resolve("outbox.db");
        Writer writer = new Writer();
        try (Outbox outbox = Outbox.open(live, System::currentTimeMillis)) {
            assertThat(outbox.pragma("journal_mode")).isEqualTo("wal");
            assertThat(outbox.pragma("synchronous")).isEqualTo("2");
            writer.outbox = outbox;
            Thread thread = new Thread(writer::run, "burst-writer");
            thread.start();

            // (a) copies at random instants spread over the burst: near seeded transaction numbers
            Random random = new Random(SEED);
            TreeSet<Integer> targets = new TreeSet<>();
            while (targets.size() < COPIES) {
                targets.add(1 + random.nextInt(2 * SESSIONS - 1));
            }
            List<Copy> copies = new ArrayList<>();
            int restarted = 0;
            for (int target : targets) {
                while (writer.started.get() < target && thread.isAlive()) {
                    LockSupport.parkNanos(50_000);
                }
                LockSupport.parkNanos(random.nextInt(2_000_000)); // a random instant in (or after) that transaction
                Path image = dir.resolve("copy-" + target);
                int lo = writer.committed();
                byte[] saltBefore = walSalt(wal(live));
                copy(live, image.resolve("outbox.db"));
                copy(wal(live), wal(image.resolve("outbox.db")));
                int hi = writer.started.get();
                if (!Arrays.equals(saltBefore, walSalt(wal(image.resolve("outbox.db"))))) {
                    restarted++;
                    continue;
                }
                copies.add(new Copy(image.resolve("outbox.db"), lo, hi));
            }
            thread.join();
            assertThat(writer.failure.get()).as("the writer's failure").isNull();

            // (b) the final db and WAL (the store still open, so the WAL is all there)
            Path last = dir.resolve("final").resolve("outbox.db");
            copy(live, last);
            copy(wal(live), wal(last));

            int total = writer.committed();
                assertThat(copies).as("copies kept (%d left out for a WAL restart)", restarted).hasSizeGreaterThan(COPIES / 2);
            assertThat(copies).as("copies taken mid-burst").anyMatch(c -> c.hi < total / 2);
            for (Copy c : copies) {
                verifyImage(c.db, c.lo, c.hi, writer);
            }
            verifyTornWal(last, writer, new Random(SEED + 1));
        }
    }

    private record Copy(Path db, int lo, int hi) {
    }

    /**
     * Cuts the final WAL at random offsets (and just before and at some commit frames' ends);
     * each image must hold exactly the transactions whose commit frame lies wholly before the cut.
     */
    private void verifyTornWal(Path last, Writer writer, Random random) throws Exception {
        byte[] walBytes = Files.readAllBytes(wal(last));
        List<Integer> commitEnds = commitFrameEnds(walBytes);
        int total = writer.committed();
        assertThat(commitEnds).as("commit frames in the final WAL").hasSizeGreaterThan(50);
        // What the db file holds by itself: the state the current WAL generation started from
        int base = stateIndex(dbOnlyState(last), writer);
        assertThat(base).as("the db file is at the start of the WAL's generation (no checkpoint of it yet)")
                .isEqualTo(Math.max(0, total - commitEnds.size()));
        TreeSet<Integer> offsets = new TreeSet<>(List.of(0, 16, 32, walBytes.length));
        while (offsets.size() < 30) {
            offsets.add(random.nextInt(walBytes.length + 1));
        }
        for (int i = 0; i < 10; i++) {
            int end = commitEnds.get(random.nextInt(commitEnds.size()));
            offsets.add(end);
            offsets.add(end - 1);
        }
        for (int cut : offsets) {
            Path image = dir.resolve("torn-" + cut).resolve("outbox.db");
            copy(last, image);
            Files.write(wal(image), Arrays.copyOf(walBytes, cut));
            int kept = (int) commitEnds.stream().filter(end -> end <= cut).count();
            int expected = Math.max(base, total - commitEnds.size() + kept);
            verifyImage(image, expected, expected, writer);
        }
    }

    /**
     * Opens an image as the agent does and checks the model: the image is the writer's state
     * after one transaction in {@code [lo, hi]}, byte for byte; recovery closes an open session
     * honestly; the next seq is new.
     */
    private void verifyImage(Path db, int lo, int hi, Writer writer) throws Exception {
        String what = db.getParent().getFileName() + " (transactions " + lo + ".." + hi + ", seed " + SEED + ")";
        RecordingLock lock = new RecordingLock();
        try (Outbox outbox = Outbox.open(db, System::currentTimeMillis)) {
            assertThat(outbox.pragma("integrity_check")).as(what).isEqualTo("ok");
            assertThat(outbox.pragma("journal_mode")).as(what).isEqualTo("wal");
            assertThat(outbox.pragma("synchronous")).as(what).isEqualTo("2");

            State image = new State(DbBytes.storedJws(db).size(), outbox.journal().map(OutboxCrashImageTest::key),
                    outbox.auditLines().size());
            int index = stateIndex(image, writer);
            assertThat(index).as(what + ": the image " + image + " is a state of the writer").isNotNegative();
            assertThat(index).as(what + ": the image's transaction").isBetween(lo, hi);
            assertThat(DbBytes.storedJws(db)).as(what + ": the deposits' bytes")
                    .isEqualTo(writer.jws.subList(0, image.deposits()));
            assertThat(outbox.lastSeq()).as(what + ": the seq counter").isEqualTo(image.deposits());

            InterruptedSession.closeAtBoot(outbox, lock, DEVICE);

            assertThat(outbox.journal()).as(what + ": the journal after boot").isEmpty();
            List<String> audit = outbox.auditLines();
            if (image.journal().isPresent()) {
                assertThat(lock.locks).as(what + ": the door locked").isEqualTo(1);
                assertThat(audit).as(what).hasSize(image.auditLines() + 1);
                assertThat(audit.get(audit.size() - 1)).as(what).contains("session interrupted")
                        .contains("without a deposit event")
                        .contains("with tare " + writer.tareOf(image.journal().get()) + " g");
            } else {
                assertThat(lock.locks).as(what).isZero();
                assertThat(audit).as(what).hasSize(image.auditLines());
            }
            assertThat(DbBytes.storedJws(db)).as(what + ": no deposit invented").hasSize(image.deposits());
            assertThat(outbox.lastSeq()).as(what + ": no seq taken by recovery").isEqualTo(image.deposits());

            StoredEvent next = outbox.append(seq -> signer.deposit(seq, "e".repeat(64), Material.PAPER, 100, 200,
                    Optional.empty()), false, Optional.empty()).orElseThrow();
            int committedBeforeCopy = writer.states.get(lo).deposits();
            assertThat(next.seq()).as(what + ": the next seq").isEqualTo(image.deposits() + 1L)
                    .isGreaterThan(committedBeforeCopy);
        }
    }

    private static int stateIndex(State image, Writer writer) {
        synchronized (writer.states) {
            return writer.states.indexOf(image);
        }
    }

    /** The state held by the db file alone (its WAL left behind), read without the agent. */
    private State dbOnlyState(Path last) throws Exception {
        Path alone = dir.resolve("db-only").resolve("outbox.db");
        copy(last, alone);
        return new State(DbBytes.storedJws(alone).size(), DbBytes.openJournal(alone).stream().findFirst(),
                DbBytes.auditLines(alone).size());
    }

    private static String key(Journal j) {
        return j.card() + ":" + j.tareGrams();
    }

    /**
     * The end offsets of the commit frames of the WAL's current generation (frames whose salts
     * match the header's; a commit frame has a non-zero "database size after commit").
     */
    static List<Integer> commitFrameEnds(byte[] wal) {
        List<Integer> ends = new ArrayList<>();
        if (wal.length < 32) {
            return ends;
        }
        ByteBuffer b = ByteBuffer.wrap(wal);
        int frameSize = 24 + b.getInt(8);
        for (int f = 32; f + frameSize <= wal.length; f += frameSize) {
            if (b.getInt(f + 8) != b.getInt(16) || b.getInt(f + 12) != b.getInt(20)) {
                break;
            }
            if (b.getInt(f + 4) != 0) {
                ends.add(f + frameSize);
            }
        }
        return ends;
    }

    private static byte[] walSalt(Path wal) throws IOException {
        byte[] header = new byte[24];
        try (var in = Files.newInputStream(wal)) {
            int n = in.readNBytes(header, 0, 24);
            return n < 24 ? new byte[0] : Arrays.copyOfRange(header, 12, 24); // checkpoint seq and salts
        }
    }

    private static Path wal(Path db) {
        return db.resolveSibling(db.getFileName() + "-wal");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs deposit sessions as the session runner does, recording its state after every transaction. */
    private final class Writer {
        volatile Outbox outbox;
        final AtomicInteger started = new AtomicInteger();
        final List<State> states = Collections.synchronizedList(new ArrayList<>());
        final List<String> jws = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Writer() {
            states.add(new State(0, Optional.empty(), 0));
        }

        int committed() {
            return states.size() - 1;
        }

        int tareOf(String journal) {
            return Integer.parseInt(journal.substring(journal.indexOf(':') + 1));
        }

        void run() {
            Random random = new Random(SEED + 2);
            int deposits = 0;
            int audit = 0;
            try {
                for (int i = 0; i < SESSIONS; i++) {
                    byte[] cardBytes = new byte[32];
                    random.nextBytes(cardBytes);
                    String card = HexFormat.of().formatHex(cardBytes);
                    int tare = random.nextInt(500);
                    int gross = tare + 1 + random.nextInt(1500);
                    String journal = card + ":" + tare;

                    started.incrementAndGet();
                    outbox.openJournal(card, tare);
                    states.add(new State(deposits, Optional.of(journal), audit));

                    started.incrementAndGet();
                    if (random.nextInt(6) == 0) {
                        outbox.closeJournal("session ended without event: door-timeout");
                        audit++;
                    } else {
                        StoredEvent e = outbox.append(seq -> signer.deposit(seq, card, Material.PAPER, tare, gross,
                                Optional.empty()), true, Optional.empty()).orElseThrow();
                        jws.add(new String(e.jws(), java.nio.charset.StandardCharsets.US_ASCII));
                        deposits++;
                    }
                    states.add(new State(deposits, Optional.empty(), audit));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }
    }

    private static final class RecordingLock implements DoorLock {
        int locks;

        @Override
        public void unlock() {
        }

        @Override
        public void lock() {
            locks++;
        }
    }
}

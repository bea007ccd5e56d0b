package org.carbonkiosk.agent.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.tinylog.Logger;

/**
 * The device's durable store (SQLite, WAL, {@code synchronous=FULL}): signed events until their
 * receipt, the seq counter, the open-session journal, claw grants and an audit trail. The seq
 * counter advances in the same transaction that stores the signed event, so a seq never
 * repeats or skips across crashes. Thread-safe (one connection, synchronized).
 */
public final class Outbox implements AutoCloseable {
    private final Path file;
    private final Connection db;
    private final LongSupplier nowMs;
    private volatile boolean failed;

    private Outbox(Path file, Connection db, LongSupplier nowMs) {
        this.file = file;
        this.db = db;
        this.nowMs = nowMs;
    }

    /** Opens (or creates) the store, checks its integrity and sets WAL with {@code synchronous=FULL}. */
    public static Outbox open(Path file, LongSupplier nowMs) throws StoreException {
        return open(file, nowMs, 0);
    }

    /**
     * Opens the store with a size cap: past {@code maxBytes} (0 = none) writes fail as on a full
     * disk, so the outbox cannot fill the SD card.
     */
    public static Outbox open(Path file, LongSupplier nowMs, long maxBytes) throws StoreException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                    String result = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equals(result)) {
                        db.close();
                        throw new StoreException(file + " failed PRAGMA integrity_check: " + result
                                + "; move it aside and restore from backup (events in it may be lost)");
                    }
                }
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new StoreException(file + ": cannot switch to WAL mode");
                    }
                }
                st.execute("PRAGMA synchronous = FULL");
                for (String sql : OutboxSchema.STATEMENTS) {
                    st.execute(sql);
                }
                OutboxSchema.migrate(st);
                if (maxBytes > 0) {
                    long pageSize;
                    try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
                        rs.next();
                        pageSize = rs.getLong(1);
                    }
                    st.execute("PRAGMA max_page_count = " + Math.max(1, maxBytes / pageSize));
                }
            }
            db.setAutoCommit(false);
            db.commit();
            return new Outbox(file, db, nowMs);
        } catch (SQLException | java.io.IOException e) {
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("cannot open outbox " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Takes the next seq, signs the event built for it and stores both in one transaction.
     * With {@code closeJournal} the open-session journal is removed in the same transaction;
     * with {@code clawGrantFor} a grant row is written, and nothing happens (empty) when that
     * deposit already had its grant.
     */
    public synchronized Optional<StoredEvent> append(LongFunction<SignedEvent> signAtSeq, boolean closeJournal,
                                                     Optional<ClawGrant> clawGrantFor) throws StoreException {
        return transaction(() -> {
            if (clawGrantFor.isPresent() && grantExists(clawGrantFor.get().forEventId())) {
                return Optional.empty();
            }
            long seq = lastSeq() + 1;
            SignedEvent signed = signAtSeq.apply(seq);
            if (signed.event().seq() != seq) {
                throw new IllegalStateException("signed event has seq " + signed.event().seq() + ", expected " + seq);
            }
            DepositEvent deposit = signed.event() instanceof DepositEvent d ? d : null;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO outbox (seq, event_id, type, jws, card,"
                    + " net_grams, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, seq);
                ps.setString(2, signed.event().eventId());
                ps.setString(3, signed.event().type().wire());
                ps.setString(4, signed.jws());
                ps.setString(5, deposit == null ? null : deposit.card());
                if (deposit == null) {
                    ps.setNull(6, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(6, deposit.netGrams());
                }
                ps.setLong(7, nowMs.getAsLong());
                ps.executeUpdate();
            }
            update("UPDATE meta SET value = ? WHERE key = 'last_seq'", seq);
            if (closeJournal) {
                update("DELETE FROM open_session");
            }
            if (clawGrantFor.isPresent()) {
                update("INSERT INTO claw_grant (for_event_id, plays, at) VALUES (?, ?, ?)",
                        clawGrantFor.get().forEventId(), clawGrantFor.get().plays(), nowMs.getAsLong());
            }
            return Optional.of(new StoredEvent(seq, signed.event().eventId(), signed.event().type().wire(),
                    signed.jws().getBytes(StandardCharsets.US_ASCII), 0));
        });
    }

    /** A claw grant to write with its claw-play event. */
    public record ClawGrant(String forEventId, int plays) {
    }

    private boolean grantExists(String forEventId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM claw_grant WHERE for_event_id = ?")) {
            ps.setString(1, forEventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The highest seq ever taken (0 before the first event). */
    public synchronized long lastSeq() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'last_seq'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Unreceipted events due for (re)publishing, oldest seq first: never published, or their
     * resend time has come (or lies implausibly far ahead, after the wall clock jumped back).
     */
    public synchronized List<StoredEvent> due(int limit, long maxWaitMs) throws StoreException {
        long now = nowMs.getAsLong();
        return read(() -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT seq, event_id, type, jws, attempts FROM outbox"
                    + " WHERE settled_at IS NULL AND (next_attempt_at <= ? OR next_attempt_at > ?)"
                    + " ORDER BY seq LIMIT ?")) {
                ps.setLong(1, now);
                ps.setLong(2, now + maxWaitMs);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4).getBytes(StandardCharsets.US_ASCII), rs.getInt(5)));
                    }
                }
            }
            return events;
        });
    }

    /**
     * Unreceipted events published within the last {@code windowMs}: the ones "in flight". An
     * event waiting in a long backoff is not counted, so events the collector never answers
     * cannot hold the window shut for newer ones.
     */
    public synchronized int inFlight(long windowMs) throws StoreException {
        long now = nowMs.getAsLong();
        return read(() -> count("SELECT COUNT(*) FROM outbox WHERE settled_at IS NULL AND attempts > 0"
                + " AND last_published_at > ? AND last_published_at <= ?", now - windowMs, now));
    }

    /** Records a publication; the event is due again at {@code nextAttemptAtMs} if no receipt comes. */
    public synchronized void markPublished(long seq, long nextAttemptAtMs) throws StoreException {
        long now = nowMs.getAsLong();
        transaction(() -> update("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                + " last_published_at = ? WHERE seq = ?", nextAttemptAtMs, now, seq));
    }

    /** After a reconnect: every unreceipted event is due again at once, its backoff restarted. */
    public synchronized void makeAllDue() throws StoreException {
        transaction(() -> update("UPDATE outbox SET attempts = 0, next_attempt_at = 0, last_published_at = 0"
                + " WHERE settled_at IS NULL"));
    }

    /** Marks an event receipted; empty when the store holds no such event (purged or foreign). */
    public synchronized Optional<Settlement> settle(String eventId, String status, Optional<String> reason,
                                                    int creditedGrams) throws StoreException {
        long now = nowMs.getAsLong();
        return transaction(() -> {
            String type;
            String card;
            Integer net;
            boolean already;
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT type, card, net_grams, settled_at FROM outbox WHERE event_id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    type = rs.getString(1);
                    card = rs.getString(2);
                    int n = rs.getInt(3);
                    net = rs.wasNull() ? null : n;
                    rs.getLong(4);
                    already = !rs.wasNull();
                }
            }
            update("UPDATE outbox SET settled_at = COALESCE(settled_at, ?), status = ?, reason = ?, credited_grams = ?"
                    + " WHERE event_id = ?", now, status, reason.orElse(null), creditedGrams, eventId);
            return Optional.of(new Settlement(eventId, type, Optional.ofNullable(card), Optional.ofNullable(net),
                    !already));
        });
    }

    /** Events not yet receipted. */
    public synchronized long depth() throws StoreException {
        return read(() -> (long) count("SELECT COUNT(*) FROM outbox WHERE settled_at IS NULL"));
    }

    /** Deletes receipted events settled before {@code cutoffMs}; never an unreceipted one. */
    public synchronized int purgeSettledBefore(long cutoffMs) throws StoreException {
        return transaction(() -> update("DELETE FROM outbox WHERE settled_at IS NOT NULL AND settled_at < ?",
                cutoffMs));
    }

    public synchronized void openJournal(String card, int tareGrams) throws StoreException {
        transaction(() -> update("INSERT OR REPLACE INTO open_session (id, card, tare_grams, started_at)"
                + " VALUES (1, ?, ?, ?)", card, tareGrams, nowMs.getAsLong()));
    }

    /** Ends a session with no event, writing {@code auditLine} in the same transaction. */
    public synchronized void closeJournal(String auditLine) throws StoreException {
        long now = nowMs.getAsLong();
        transaction(() -> {
            update("DELETE FROM open_session");
            return update("INSERT INTO audit (at, line) VALUES (?, ?)", now, auditLine);
        });
    }

    public synchronized Optional<Journal> journal() throws StoreException {
        return read(() -> {
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT card, tare_grams, started_at FROM open_session")) {
                return rs.next() ? Optional.of(new Journal(rs.getString(1), rs.getInt(2), rs.getLong(3)))
                        : Optional.empty();
            }
        });
    }

    public synchronized void audit(String line) throws StoreException {
        long now = nowMs.getAsLong();
        transaction(() -> update("INSERT INTO audit (at, line) VALUES (?, ?)", now, line));
    }

    public synchronized List<String> auditLines() throws StoreException {
        return read(() -> {
            List<String> lines = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT line FROM audit ORDER BY id")) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        });
    }

    /** True after a write failed, until {@link #probe()} succeeds. */
    public boolean failed() {
        return failed;
    }

    /**
     * Tries to write (and then remove) a row larger than any event; clears the failed flag when
     * both commits work. A store that passes this can take the next deposit.
     */
    public synchronized boolean probe() {
        try {
            String filler = "probe ".repeat(400);
            long at = nowMs.getAsLong();
            transaction(() -> update("INSERT INTO audit (at, line) VALUES (?, ?)", at, filler));
            transaction(() -> update("DELETE FROM audit WHERE line = ?", filler));
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    public long freeBytes() {
        try {
            return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            Logger.warn("closing outbox {}: {}", file, e.getMessage());
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T transaction(Work<T> work) throws StoreException {
        try {
            T result = work.run();
            db.commit();
            failed = false;
            return result;
        } catch (RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            failed = true;
            throw new StoreException("outbox write failed: " + e.getMessage(), e);
        }
    }

    private <T> T read(Work<T> work) throws StoreException {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw new StoreException("outbox read failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private int count(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

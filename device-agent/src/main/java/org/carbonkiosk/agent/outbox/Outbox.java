package org.carbonkiosk.agent.outbox;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The device's durable store (SQLite, WAL, {@code synchronous=FULL}): signed events until their
 * receipt, the seq counter, the open-session journal, claw grants and an audit trail. The seq
 * counter advances in the same transaction that stores the signed event, so a seq never
 * repeats or skips across crashes. Thread-safe (one connection, every transaction under one lock).
 *
 * <p>The store's entry point; each concern is its own class: {@link EventLog} (seq, events, claw
 * grants), {@link Resends} (what is due), {@link Settlements} (receipts, depth, purge),
 * {@link SessionJournal}, {@link AuditTrail} and {@link StoreHealth}.
 */
public final class Outbox implements AutoCloseable {
    private final OutboxDb db;
    private final EventLog events;
    private final Resends resends;
    private final Settlements settlements;
    private final SessionJournal journal;
    private final AuditTrail audit;
    private final StoreHealth health;

    private Outbox(OutboxDb db) {
        this.db = db;
        this.events = new EventLog(db);
        this.resends = new Resends(db);
        this.settlements = new Settlements(db);
        this.journal = new SessionJournal(db);
        this.audit = new AuditTrail(db);
        this.health = new StoreHealth(db);
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
        return new Outbox(OutboxDb.open(file, nowMs, maxBytes));
    }

    public Path file() {
        return db.file();
    }

    /**
     * Takes the next seq, signs the event built for it and stores both in one transaction.
     * With {@code closeJournal} the open-session journal is removed in the same transaction;
     * with {@code clawGrantFor} a grant row is written, and nothing happens (empty) when that
     * deposit already had its grant.
     */
    public Optional<StoredEvent> append(LongFunction<SignedEvent> signAtSeq, boolean closeJournal,
                                        Optional<ClawGrant> clawGrantFor) throws StoreException {
        return events.append(signAtSeq, closeJournal, clawGrantFor);
    }

    /** A claw grant to write with its claw-play event. */
    public record ClawGrant(String forEventId, int plays) {
    }

    /** The highest seq ever taken (0 before the first event). */
    public long lastSeq() throws SQLException {
        synchronized (db) {
            return events.lastSeq();
        }
    }

    /**
     * Unreceipted events due for (re)publishing, oldest seq first: never published, or their
     * resend time has come (or lies implausibly far ahead, after the wall clock jumped back).
     */
    public List<StoredEvent> due(int limit, long maxWaitMs) throws StoreException {
        return resends.due(limit, maxWaitMs);
    }

    /**
     * Unreceipted events published within the last {@code windowMs}: the ones "in flight". An
     * event waiting in a long backoff is not counted, so events the collector never answers
     * cannot hold the window shut for newer ones.
     */
    public int inFlight(long windowMs) throws StoreException {
        return resends.inFlight(windowMs);
    }

    /** Records a publication; the event is due again at {@code nextAttemptAtMs} if no receipt comes. */
    public void markPublished(long seq, long nextAttemptAtMs) throws StoreException {
        resends.markPublished(seq, nextAttemptAtMs);
    }

    /** After a reconnect: every unreceipted event is due again at once, its backoff restarted. */
    public void makeAllDue() throws StoreException {
        resends.makeAllDue();
    }

    /** Marks an event receipted; empty when the store holds no such event (purged or foreign). */
    public Optional<Settlement> settle(String eventId, String status, Optional<String> reason, int creditedGrams)
            throws StoreException {
        return settlements.settle(eventId, status, reason, creditedGrams);
    }

    /** Events not yet receipted. */
    public long depth() throws StoreException {
        return settlements.depth();
    }

    /** Deletes receipted events settled before {@code cutoffMs}; never an unreceipted one. */
    public int purgeSettledBefore(long cutoffMs) throws StoreException {
        return settlements.purgeSettledBefore(cutoffMs);
    }

    public void openJournal(String card, int tareGrams) throws StoreException {
        journal.open(card, tareGrams);
    }

    /** Ends a session with no event, writing {@code auditLine} in the same transaction. */
    public void closeJournal(String auditLine) throws StoreException {
        journal.close(auditLine);
    }

    public Optional<Journal> journal() throws StoreException {
        return journal.current();
    }

    public void audit(String line) throws StoreException {
        audit.add(line);
    }

    public List<String> auditLines() throws StoreException {
        return audit.lines();
    }

    /** True after a write failed, until {@link #probe()} succeeds. */
    public boolean failed() {
        return health.failed();
    }

    /**
     * Tries to write (and then remove) a row larger than any event; clears the failed flag when
     * both commits work. A store that passes this can take the next deposit.
     */
    public boolean probe() {
        return health.probe();
    }

    /**
     * A PRAGMA's value as the store's own connection sees it, e.g. {@code journal_mode} ("wal"),
     * {@code synchronous} ("2", FULL) or {@code integrity_check} ("ok"): what the store really runs with.
     */
    public String pragma(String name) throws StoreException {
        return db.pragma(name);
    }

    public long freeBytes() {
        return health.freeBytes();
    }

    @Override
    public void close() {
        db.close();
    }
}

package org.carbonkiosk.agent.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongFunction;
import org.carbonkiosk.protocol.event.DepositEvent;

/**
 * The seq counter and the signed events: the next seq is taken, the event signed with it and
 * stored, and the counter advanced in one transaction, so a seq never repeats or skips. A claw
 * grant is written with its claw-play event, once per deposit.
 */
final class EventLog {
    private final OutboxDb db;

    EventLog(OutboxDb db) {
        this.db = db;
    }

    Optional<StoredEvent> append(LongFunction<SignedEvent> signAtSeq, boolean closeJournal,
                                 Optional<Outbox.ClawGrant> clawGrantFor) throws StoreException {
        return db.transaction(() -> {
            if (clawGrantFor.isPresent() && grantExists(clawGrantFor.get().forEventId())) {
                return Optional.empty();
            }
            long seq = lastSeq() + 1;
            SignedEvent signed = signAtSeq.apply(seq);
            if (signed.event().seq() != seq) {
                throw new IllegalStateException("signed event has seq " + signed.event().seq() + ", expected " + seq);
            }
            DepositEvent deposit = signed.event() instanceof DepositEvent d ? d : null;
            try (PreparedStatement ps = db.prepare("INSERT INTO outbox (seq, event_id, type, jws, card,"
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
                ps.setLong(7, db.now());
                ps.executeUpdate();
            }
            db.update("UPDATE meta SET value = ? WHERE key = 'last_seq'", seq);
            if (closeJournal) {
                db.update("DELETE FROM open_session");
            }
            if (clawGrantFor.isPresent()) {
                db.update("INSERT INTO claw_grant (for_event_id, plays, at) VALUES (?, ?, ?)",
                        clawGrantFor.get().forEventId(), clawGrantFor.get().plays(), db.now());
            }
            return Optional.of(new StoredEvent(seq, signed.event().eventId(), signed.event().type().wire(),
                    signed.jws().getBytes(StandardCharsets.US_ASCII), 0));
        });
    }

    /** The highest seq ever taken (0 before the first event); the caller holds the store's lock. */
    long lastSeq() throws SQLException {
        try (PreparedStatement ps = db.prepare("SELECT value FROM meta WHERE key = 'last_seq'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean grantExists(String forEventId) throws SQLException {
        try (PreparedStatement ps = db.prepare("SELECT 1 FROM claw_grant WHERE for_event_id = ?")) {
            ps.setString(1, forEventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}

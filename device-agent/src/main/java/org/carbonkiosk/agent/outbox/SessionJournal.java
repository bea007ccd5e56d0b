package org.carbonkiosk.agent.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The open-session journal: written before the door unlocks, removed by the deposit's commit
 * (see {@link EventLog}) or, for a session that ends without an event, with an audit line.
 */
final class SessionJournal {
    private final OutboxDb db;

    SessionJournal(OutboxDb db) {
        this.db = db;
    }

    void open(String card, int tareGrams) throws StoreException {
        long now = db.now();
        db.transaction(() -> db.update("INSERT OR REPLACE INTO open_session (id, card, tare_grams, started_at)"
                + " VALUES (1, ?, ?, ?)", card, tareGrams, now));
    }

    void close(String auditLine) throws StoreException {
        long now = db.now();
        db.transaction(() -> {
            db.update("DELETE FROM open_session");
            return AuditTrail.insert(db, now, auditLine);
        });
    }

    Optional<Journal> current() throws StoreException {
        return db.read(() -> {
            try (PreparedStatement ps = db.prepare("SELECT card, tare_grams, started_at FROM open_session");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Journal(rs.getString(1), rs.getInt(2), rs.getLong(3)))
                        : Optional.empty();
            }
        });
    }
}

package org.carbonkiosk.agent.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Which unreceipted events are due for (re)publishing, and the record of each publication. */
final class Resends {
    private final OutboxDb db;

    Resends(OutboxDb db) {
        this.db = db;
    }

    List<StoredEvent> due(int limit, long maxWaitMs) throws StoreException {
        long now = db.now();
        return db.read(() -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement ps = db.prepare("SELECT seq, event_id, type, jws, attempts FROM outbox"
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

    int inFlight(long windowMs) throws StoreException {
        long now = db.now();
        return db.read(() -> db.count("SELECT COUNT(*) FROM outbox WHERE settled_at IS NULL AND attempts > 0"
                + " AND last_published_at > ? AND last_published_at <= ?", now - windowMs, now));
    }

    void markPublished(long seq, long nextAttemptAtMs) throws StoreException {
        long now = db.now();
        db.transaction(() -> db.update("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                + " last_published_at = ? WHERE seq = ?", nextAttemptAtMs, now, seq));
    }

    void makeAllDue() throws StoreException {
        db.transaction(() -> db.update("UPDATE outbox SET attempts = 0, next_attempt_at = 0, last_published_at = 0"
                + " WHERE settled_at IS NULL"));
    }
}

package org.carbonkiosk.agent.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Receipts settle events; settled events are kept for a while, then purged; unsettled ones never. */
final class Settlements {
    private final OutboxDb db;

    Settlements(OutboxDb db) {
        this.db = db;
    }

    Optional<Settlement> settle(String eventId, String status, Optional<String> reason, int creditedGrams)
            throws StoreException {
        long now = db.now();
        return db.transaction(() -> {
            String type;
            String card;
            Integer net;
            boolean already;
            try (PreparedStatement ps = db.prepare(
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
            db.update("UPDATE outbox SET settled_at = COALESCE(settled_at, ?), status = ?, reason = ?,"
                    + " credited_grams = ? WHERE event_id = ?", now, status, reason.orElse(null), creditedGrams, eventId);
            return Optional.of(new Settlement(eventId, type, Optional.ofNullable(card), Optional.ofNullable(net),
                    !already));
        });
    }

    long depth() throws StoreException {
        return db.read(() -> (long) db.count("SELECT COUNT(*) FROM outbox WHERE settled_at IS NULL"));
    }

    int purgeSettledBefore(long cutoffMs) throws StoreException {
        return db.transaction(() -> db.update("DELETE FROM outbox WHERE settled_at IS NOT NULL AND settled_at < ?",
                cutoffMs));
    }
}

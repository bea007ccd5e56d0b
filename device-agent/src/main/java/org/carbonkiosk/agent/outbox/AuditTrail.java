package org.carbonkiosk.agent.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Lines about sessions that ended without an event: the evidence for a manual correction. */
final class AuditTrail {
    private final OutboxDb db;

    AuditTrail(OutboxDb db) {
        this.db = db;
    }

    void add(String line) throws StoreException {
        long now = db.now();
        db.transaction(() -> insert(db, now, line));
    }

    List<String> lines() throws StoreException {
        return db.read(() -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement ps = db.prepare("SELECT line FROM audit ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        });
    }

    /** Inside a transaction of the caller's. */
    static int insert(OutboxDb db, long atMs, String line) throws SQLException {
        return db.update("INSERT INTO audit (at, line) VALUES (?, ?)", atMs, line);
    }
}

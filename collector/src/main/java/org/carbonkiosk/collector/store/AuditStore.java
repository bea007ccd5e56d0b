package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log of API writes: who (the token's name), their role, what (method and route
 * template), the target (a device, event or credit id; never a card token or an account),
 * when, and the outcome (HTTP status and a short word).
 */
public final class AuditStore {
    /** One line of the audit log. */
    public record AuditLine(long id, String at, String who, String role, String action, String target, int status,
                            String outcome) {
    }

    public void append(Connection c, AuditLine line) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, who, role, action, target,"
                + " status, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, line.at());
            ps.setString(2, line.who());
            ps.setString(3, line.role());
            ps.setString(4, line.action());
            ps.setString(5, line.target());
            ps.setInt(6, line.status());
            ps.setString(7, line.outcome());
            ps.executeUpdate();
        }
    }

    /** The latest lines, newest first. */
    public List<AuditLine> recent(Connection c, int limit) throws SQLException {
        List<AuditLine> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, who, role, action, target, status, outcome"
                + " FROM audit_log ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new AuditLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8)));
                }
            }
        }
        return all;
    }
}

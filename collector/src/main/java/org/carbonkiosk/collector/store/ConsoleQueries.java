package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The reads the operator console needs beyond the stores' own: queues, recent events, counts. */
public final class ConsoleQueries {
    private final EventStore events;

    public ConsoleQueries(EventStore events) {
        this.events = events;
    }

    /** Held events, oldest first. */
    public List<StoredEvent> held(Connection c, int limit) throws SQLException {
        return eventsOf(c, "SELECT event_id FROM events WHERE status = 'held' ORDER BY received_at, event_id LIMIT ?",
                limit);
    }

    public long heldCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE status = 'held'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** A device's latest events, highest seq first. */
    public List<StoredEvent> recentOfDevice(Connection c, String deviceId, int limit) throws SQLException {
        return eventsOf(c, "SELECT event_id FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT ?", deviceId, limit);
    }

    /** A device's latest deposit (it carries the scale's calibration date), if any. */
    public Optional<StoredEvent> latestDeposit(Connection c, String deviceId) throws SQLException {
        List<StoredEvent> one = eventsOf(c, "SELECT event_id FROM events WHERE device_id = ? AND type = 'deposit'"
                + " ORDER BY seq DESC LIMIT ?", deviceId, 1);
        return one.stream().findFirst();
    }

    /** Decisions made at or after {@code since} (an RFC 3339 UTC instant), counted by "status reason". */
    public Map<String, Long> decisionsSince(Connection c, String since) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT status, reason, COUNT(*) FROM events"
                + " WHERE decided_at >= ? GROUP BY status, reason")) {
            ps.setString(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String reason = rs.getString(2);
                    counts.merge(rs.getString(1) + (reason == null ? "" : " " + reason), rs.getLong(3), Long::sum);
                }
            }
        }
        return counts;
    }

    private List<StoredEvent> eventsOf(Connection c, String sql, Object... args) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        List<StoredEvent> found = new ArrayList<>();
        for (String id : ids) {
            events.find(c, id).ifPresent(found::add);
        }
        return found;
    }
}

package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Operator reviews of held events: who decided what, with their note and the resulting decision. */
public final class ReviewStore {
    /** One review; {@code action} is {@code approve}, {@code reject} or {@code redecide}. */
    public record Review(String eventId, String at, String reviewer, String action, Optional<String> note,
                         String resultStatus, Optional<String> resultReason) {
    }

    public void append(Connection c, Review r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_reviews (event_id, at, reviewer, action,"
                + " note, result_status, result_reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.eventId());
            ps.setString(2, r.at());
            ps.setString(3, r.reviewer());
            ps.setString(4, r.action());
            ps.setString(5, r.note().orElse(null));
            ps.setString(6, r.resultStatus());
            ps.setString(7, r.resultReason().orElse(null));
            ps.executeUpdate();
        }
    }

    /** The event's reviews, oldest first. */
    public List<Review> forEvent(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id, at, reviewer, action, note, result_status,"
                + " result_reason FROM event_reviews WHERE event_id = ? ORDER BY id")) {
            ps.setString(1, eventId);
            return read(ps);
        }
    }

    /** The latest reviews of any event, newest first. */
    public List<Review> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id, at, reviewer, action, note, result_status,"
                + " result_reason FROM event_reviews ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            return read(ps);
        }
    }

    private static List<Review> read(PreparedStatement ps) throws SQLException {
        List<Review> all = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new Review(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)), rs.getString(6), Optional.ofNullable(rs.getString(7))));
            }
        }
        return all;
    }
}

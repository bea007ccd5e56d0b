package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;

/** Verified events and their decisions, one row per eventId. */
public final class EventStore {
    private static final String COLUMNS = "event_id, device_id, seq, type, jws, received_at, decided_at, status,"
            + " reason, credited_grams, card, account, month, net_grams, occurred_at, rule_version,"
            + " month_credited_grams, month_cap_grams";

    public Optional<StoredEvent> find(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** True when an event with this id was decided (a cheaper query than {@link #find}: one column). */
    public boolean exists(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Inserts a new event; false (and nothing written) when the eventId exists already. */
    public boolean insert(Connection c, StoredEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (" + COLUMNS + ") VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            ps.setString(1, e.eventId());
            ps.setString(2, e.deviceId());
            ps.setLong(3, e.seq());
            ps.setString(4, e.type());
            ps.setString(5, e.jws());
            ps.setString(6, e.receivedAt());
            bindDecision(ps, 7, e);
            ps.setString(15, e.occurredAt());
            ps.setString(16, e.ruleVersion());
            setInt(ps, 17, e.monthCreditedGrams());
            setInt(ps, 18, e.monthCapGrams());
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the decision of an existing (held) event. */
    public void updateDecision(Connection c, StoredEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE events SET decided_at = ?, status = ?, reason = ?,"
                + " credited_grams = ?, card = ?, account = ?, month = ?, net_grams = ?, rule_version = ?,"
                + " month_credited_grams = ?, month_cap_grams = ? WHERE event_id = ?")) {
            bindDecision(ps, 1, e);
            ps.setString(9, e.ruleVersion());
            setInt(ps, 10, e.monthCreditedGrams());
            setInt(ps, 11, e.monthCapGrams());
            ps.setString(12, e.eventId());
            ps.executeUpdate();
        }
    }

    /** The card's events held for {@code reason}, oldest first. */
    public List<StoredEvent> heldForCard(Connection c, String card, Reason reason) throws SQLException {
        List<StoredEvent> held = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE card = ?"
                + " AND status = ? AND reason = ? ORDER BY received_at, event_id")) {
            ps.setString(1, card);
            ps.setString(2, DecisionStatus.HELD.wire());
            ps.setString(3, reason.wire());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(read(rs));
                }
            }
        }
        return held;
    }

    /** The device's events held for {@code reason}, in seq order. */
    public List<StoredEvent> heldForDevice(Connection c, String deviceId, Reason reason) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM events WHERE device_id = ? AND status = ? AND reason = ?"
                + " ORDER BY seq", deviceId, DecisionStatus.HELD.wire(), reason.wire());
    }

    /** The device's events of {@code type} with {@code afterSeq < seq < beforeSeq}, in seq order. */
    public List<StoredEvent> ofType(Connection c, String deviceId, String type, long afterSeq, long beforeSeq)
            throws SQLException {
        List<StoredEvent> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE device_id = ?"
                + " AND type = ? AND seq > ? AND seq < ? ORDER BY seq")) {
            ps.setString(1, deviceId);
            ps.setString(2, type);
            ps.setLong(3, afterSeq);
            ps.setLong(4, beforeSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        }
        return found;
    }

    private static List<StoredEvent> list(Connection c, String sql, String... args) throws SQLException {
        List<StoredEvent> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        }
        return found;
    }

    private static void bindDecision(PreparedStatement ps, int at, StoredEvent e) throws SQLException {
        ps.setString(at, e.decidedAt());
        ps.setString(at + 1, e.status().wire());
        ps.setString(at + 2, e.reason().map(Reason::wire).orElse(null));
        ps.setInt(at + 3, e.creditedGrams());
        ps.setString(at + 4, e.card().orElse(null));
        ps.setString(at + 5, e.account().orElse(null));
        ps.setString(at + 6, e.month().orElse(null));
        setInt(ps, at + 7, e.netGrams());
    }

    private static void setInt(PreparedStatement ps, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.get());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    private static Optional<Integer> getInt(ResultSet rs, int index) throws SQLException {
        int v = rs.getInt(index);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), DecisionStatus.fromWire(rs.getString(8)).orElseThrow(),
                Optional.ofNullable(rs.getString(9)).flatMap(Reason::fromWire), rs.getInt(10),
                Optional.ofNullable(rs.getString(11)), Optional.ofNullable(rs.getString(12)),
                Optional.ofNullable(rs.getString(13)), getInt(rs, 14), rs.getString(15), rs.getString(16),
                getInt(rs, 17), getInt(rs, 18));
    }
}

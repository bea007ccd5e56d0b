package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carbonkiosk.collector.integrity.Pickup;
import org.carbonkiosk.collector.integrity.CardUse;
import org.carbonkiosk.collector.integrity.KioskFlag;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.collector.integrity.Signal;
import org.carbonkiosk.protocol.message.Reason;

/**
 * The integrity signals' tables (migration 4): each kiosk's scale mode, review flag, weight chain
 * and mass-balance verdict; card sightings for the clone check; each event's signals; pickups.
 */
public final class IntegrityStore {
    private static final String UPSERT = "INSERT INTO kiosk_integrity (device_id, %1$s) VALUES (?, %2$s)"
            + " ON CONFLICT (device_id) DO UPDATE SET %3$s";

    /** The kiosk's state; defaults from its kiosk type when it has no record (unknown device: bin, unflagged). */
    public KioskState kiosk(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.kiosk_type, k.scale_mode, k.flag_reason,"
                + " k.flagged_by, k.flagged_at, k.chain_seq, k.chain_ref_seq, k.chain_grams FROM devices d"
                + " LEFT JOIN kiosk_integrity k ON k.device_id = d.device_id WHERE d.device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return KioskState.fresh(ScaleMode.BIN);
                }
                ScaleMode mode = Optional.ofNullable(rs.getString(2)).flatMap(ScaleMode::fromWire)
                        .orElse(ScaleMode.defaultFor(rs.getString(1)));
                Optional<KioskFlag> flag = rs.getString(3) == null ? Optional.empty()
                        : Optional.of(new KioskFlag(rs.getString(3), rs.getString(4), rs.getString(5)));
                int grams = rs.getInt(8);
                Optional<Integer> chainGrams = rs.wasNull() ? Optional.empty() : Optional.of(grams);
                return new KioskState(mode, flag, rs.getLong(6), rs.getLong(7), chainGrams);
            }
        }
    }

    public void setScaleMode(Connection c, String deviceId, ScaleMode mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.format(UPSERT, "scale_mode", "?",
                "scale_mode = excluded.scale_mode"))) {
            ps.setString(1, deviceId);
            ps.setString(2, mode.wire());
            ps.executeUpdate();
        }
    }

    public void saveChain(Connection c, String deviceId, long seq, long refSeq, Optional<Integer> grams)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.format(UPSERT, "chain_seq, chain_ref_seq, chain_grams",
                "?, ?, ?", "chain_seq = excluded.chain_seq, chain_ref_seq = excluded.chain_ref_seq,"
                        + " chain_grams = excluded.chain_grams"))) {
            ps.setString(1, deviceId);
            ps.setLong(2, seq);
            ps.setLong(3, refSeq);
            if (grams.isPresent()) {
                ps.setInt(4, grams.get());
            } else {
                ps.setNull(4, Types.INTEGER);
            }
            ps.executeUpdate();
        }
    }

    public void flag(Connection c, String deviceId, Optional<KioskFlag> flag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.format(UPSERT, "flag_reason, flagged_by, flagged_at",
                "?, ?, ?", "flag_reason = excluded.flag_reason, flagged_by = excluded.flagged_by,"
                        + " flagged_at = excluded.flagged_at"))) {
            ps.setString(1, deviceId);
            ps.setString(2, flag.map(KioskFlag::reason).orElse(null));
            ps.setString(3, flag.map(KioskFlag::by).orElse(null));
            ps.setString(4, flag.map(KioskFlag::at).orElse(null));
            ps.executeUpdate();
        }
    }

    public void recordBalance(Connection c, String deviceId, boolean withinTolerance) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.format(UPSERT, "balance_ok", "?",
                "balance_ok = excluded.balance_ok"))) {
            ps.setString(1, deviceId);
            ps.setInt(2, withinTolerance ? 1 : 0);
            ps.executeUpdate();
        }
    }

    /** Per kiosk with a mass-balance verdict, not revoked: 1 when its latest period is out of tolerance, else 0. */
    public Map<String, Long> balances(Connection c) throws SQLException {
        Map<String, Long> all = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.device_id, k.balance_ok FROM kiosk_integrity k"
                + " JOIN devices d ON d.device_id = k.device_id WHERE k.balance_ok IS NOT NULL"
                + " AND d.revoked_at IS NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getString(1), rs.getInt(2) == 1 ? 0L : 1L);
            }
        }
        return all;
    }

    /** Kiosks under review. */
    public long flagged(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM kiosk_integrity WHERE flag_reason IS NOT NULL");
    }

    public Optional<CardUse> cardUseElsewhere(Connection c, String card, String deviceId, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, event_id, at_ms FROM card_uses"
                + " WHERE card = ? AND at_ms >= ? AND at_ms <= ? AND device_id <> ? ORDER BY at_ms DESC LIMIT 1")) {
            ps.setString(1, card);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            ps.setString(4, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CardUse(rs.getString(1), rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)))) : Optional.empty();
            }
        }
    }

    public void recordCardUse(Connection c, String card, String deviceId, Instant at, String eventId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO card_uses (card, at_ms, device_id, event_id) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, card);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, deviceId);
            ps.setString(4, eventId);
            ps.executeUpdate();
        }
    }

    public void recordSignals(Connection c, String eventId, List<Signal> signals) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO event_signals (event_id, position, reason, evidence) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < signals.size(); i++) {
                ps.setString(1, eventId);
                ps.setInt(2, i);
                ps.setString(3, signals.get(i).reason().wire());
                ps.setString(4, signals.get(i).evidence());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public List<Signal> signals(Connection c, String eventId) throws SQLException {
        List<Signal> signals = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT reason, evidence FROM event_signals WHERE event_id = ? ORDER BY position")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Reason> reason = Reason.fromWire(rs.getString(1));
                    if (reason.isPresent()) {
                        signals.add(new Signal(reason.get(), rs.getString(2)));
                    }
                }
            }
        }
        return signals;
    }

    public long addPickup(Connection c, String deviceId, int grams, Instant collectedAt, String by, String at,
                          String recordedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pickups (device_id, collected_grams,"
                + " collected_at, by_name, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, deviceId);
            ps.setInt(2, grams);
            ps.setString(3, collectedAt.toString());
            ps.setString(4, by);
            ps.setString(5, at);
            ps.setString(6, recordedBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<Pickup> pickups(Connection c, String deviceId) throws SQLException {
        List<Pickup> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, collected_grams, collected_at, by_name,"
                + " recorded_at, recorded_by FROM pickups WHERE device_id = ? ORDER BY id")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Pickup(rs.getLong(1), deviceId, rs.getInt(2), Instant.parse(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return all;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

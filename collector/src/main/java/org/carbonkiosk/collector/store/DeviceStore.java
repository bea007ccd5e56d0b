package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tinylog.Logger;

/** Devices, their key versions and their sequence high-water mark and gaps. */
public final class DeviceStore {
    /** At most this many missing seqs are recorded for one jump (a larger jump is logged). */
    static final int MAX_GAP_ROWS_PER_JUMP = 1000;
    private final Dialect dialect;

    public DeviceStore(Dialect dialect) {
        this.dialect = dialect;
    }

    public void insert(Connection c, String deviceId, String kioskType, String location, String at,
                       int keyVersion, String publicKeyX) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO devices (device_id, kiosk_type, location, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, deviceId);
            ps.setString(2, kioskType);
            ps.setString(3, location);
            ps.setString(4, at);
            ps.executeUpdate();
        }
        addKey(c, deviceId, keyVersion, publicKeyX, at);
    }

    public void addKey(Connection c, String deviceId, int keyVersion, String publicKeyX, String at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device_keys (device_id, key_version, public_key, added_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, deviceId);
            ps.setInt(2, keyVersion);
            ps.setString(3, publicKeyX);
            ps.setString(4, at);
            ps.executeUpdate();
        }
    }

    /** Marks the device revoked; false when unknown. Already revoked stays revoked at its first time. */
    public boolean revoke(Connection c, String deviceId, String at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE device_id = ?")) {
            ps.setString(1, at);
            ps.setString(2, deviceId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<DeviceRecord> find(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT device_id, kiosk_type, location, created_at, revoked_at, last_seq FROM devices WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(c, rs)) : Optional.empty();
            }
        }
    }

    /** Every device with its keys, by id: two queries however many devices there are. */
    public List<DeviceRecord> list(Connection c) throws SQLException {
        Map<String, List<DeviceRecord.KeyRecord>> keys = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT device_id, key_version, public_key, added_at FROM device_keys ORDER BY device_id, key_version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new DeviceRecord.KeyRecord(rs.getInt(2), rs.getString(3), rs.getString(4)));
            }
        }
        List<DeviceRecord> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT device_id, kiosk_type, location, created_at, revoked_at, last_seq FROM devices ORDER BY device_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                all.add(new DeviceRecord(id, rs.getString(2), rs.getString(3), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)), rs.getLong(6), keys.getOrDefault(id, List.of())));
            }
        }
        return all;
    }

    /** Every device's missing seqs, ascending: one query (devices without a gap are absent). */
    public Map<String, List<Long>> allMissingSeqs(Connection c) throws SQLException {
        Map<String, List<Long>> all = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, seq FROM seq_gaps ORDER BY device_id, seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return all;
    }

    /** The ids of the devices that are not revoked: one query (no keys), for the per-device metrics. */
    public Set<String> activeDeviceIds(Connection c) throws SQLException {
        Set<String> all = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM devices WHERE revoked_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        return all;
    }

    private DeviceRecord read(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new DeviceRecord(id, rs.getString(2), rs.getString(3), rs.getString(4),
                Optional.ofNullable(rs.getString(5)), rs.getLong(6), keys(c, id));
    }

    private List<DeviceRecord.KeyRecord> keys(Connection c, String deviceId) throws SQLException {
        List<DeviceRecord.KeyRecord> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key_version, public_key, added_at FROM device_keys WHERE device_id = ? ORDER BY key_version")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new DeviceRecord.KeyRecord(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return keys;
    }

    /**
     * When {@code keyVersion} was retired: the instant the next version was added (the rotation,
     * {@code POST /api/devices/{id}/keys}); empty while it is the device's latest version.
     */
    public Optional<Instant> keyRetiredAt(Connection c, String deviceId, int keyVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT added_at FROM device_keys"
                + " WHERE device_id = ? AND key_version > ? ORDER BY key_version LIMIT 1")) {
            ps.setString(1, deviceId);
            ps.setInt(2, keyVersion);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** True when the device is revoked (read inside the deciding transaction, never cached). */
    public boolean isRevoked(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revoked_at FROM devices WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getString(1) != null;
            }
        }
    }

    /**
     * Records that {@code seq} was seen: raises the high-water mark and opens gaps below it,
     * or closes the gap a late event fills. Locks the device row (after any account row).
     */
    public void recordSeq(Connection c, String deviceId, long seq) throws SQLException {
        // The common case, the next seq in order: one statement, no gap to open.
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE devices SET last_seq = ? WHERE device_id = ? AND last_seq = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, deviceId);
            ps.setLong(3, seq - 1);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        long last;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_seq FROM devices WHERE device_id = ?" + dialect.forUpdate())) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                last = rs.getLong(1);
            }
        }
        if (seq > last) {
            long missing = seq - last - 1;
            if (missing > MAX_GAP_ROWS_PER_JUMP) {
                Logger.warn("deviceId={} seq jumped from {} to {}: only the last {} missing seqs are tracked",
                        deviceId, last, seq, MAX_GAP_ROWS_PER_JUMP);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO seq_gaps (device_id, seq) VALUES (?, ?)")) {
                for (long s = Math.max(last + 1, seq - MAX_GAP_ROWS_PER_JUMP); s < seq; s++) {
                    ps.setString(1, deviceId);
                    ps.setLong(2, s);
                    ps.addBatch();
                }
                if (missing > 0) {
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE devices SET last_seq = ? WHERE device_id = ?")) {
                ps.setLong(1, seq);
                ps.setString(2, deviceId);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM seq_gaps WHERE device_id = ? AND seq = ?")) {
                ps.setString(1, deviceId);
                ps.setLong(2, seq);
                ps.executeUpdate();
            }
        }
    }

    public List<Long> missingSeqs(Connection c, String deviceId) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM seq_gaps WHERE device_id = ? ORDER BY seq")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        }
        return seqs;
    }

    public long openGaps(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM seq_gaps");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

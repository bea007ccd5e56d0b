package org.carbonkiosk.collector.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.message.Reason;

/**
 * Rejected raw messages kept for audit: topic, receive time, reason, detail, the eventId when
 * one was decodable, and the raw bytes (the first 8 KiB; size and SHA-256 of the whole).
 */
public final class RejectionStore {

    /** A rejection as recorded. */
    public record Rejection(long id, String topic, String receivedAt, Reason reason, String detail,
                            Optional<String> eventId, int rawSize, String rawSha256) {
    }

    public void insert(Connection c, String topic, String receivedAt, Reason reason, String detail,
                       Optional<String> eventId, byte[] raw) throws SQLException {
        byte[] kept = raw.length > Topics.MAX_MESSAGE_BYTES ? Arrays.copyOf(raw, Topics.MAX_MESSAGE_BYTES) : raw;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rejected_messages (topic, received_at, reason,"
                + " detail, event_id, raw, raw_size, raw_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, receivedAt);
            ps.setString(3, reason.wire());
            ps.setString(4, detail);
            ps.setString(5, eventId.orElse(null));
            ps.setBytes(6, kept);
            ps.setInt(7, raw.length);
            ps.setString(8, sha256(raw));
            ps.executeUpdate();
        }
    }

    /** The latest rejection recorded under {@code eventId}. */
    public Optional<Rejection> latestFor(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, received_at, reason, detail, event_id,"
                + " raw_size, raw_sha256 FROM rejected_messages WHERE event_id = ? ORDER BY id DESC")) {
            ps.setString(1, eventId);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Reason.fromWire(rs.getString(4)).orElseThrow(), rs.getString(5),
                        Optional.ofNullable(rs.getString(6)), rs.getInt(7), rs.getString(8)));
            }
        }
    }

    public java.util.List<Rejection> recent(Connection c, int limit) throws SQLException {
        java.util.List<Rejection> all = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, received_at, reason, detail, event_id,"
                + " raw_size, raw_sha256 FROM rejected_messages ORDER BY id DESC")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Reason.fromWire(rs.getString(4)).orElseThrow(), rs.getString(5),
                            Optional.ofNullable(rs.getString(6)), rs.getInt(7), rs.getString(8)));
                }
            }
        }
        return all;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

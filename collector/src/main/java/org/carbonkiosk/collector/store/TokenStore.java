package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** API tokens at rest: name, role and the SHA-256 of the token, never the token itself. */
public final class TokenStore {
    /** One token's row; {@code sha256} is the hex digest of the token. */
    public record TokenRow(long id, String name, String role, String sha256, String createdAt, String createdBy,
                           Optional<String> revokedAt) {
        public boolean active() {
            return revokedAt.isEmpty();
        }
    }

    private static final String COLUMNS = "id, name, role, token_sha256, created_at, created_by, revoked_at";

    /** Inserts a token; returns its id. */
    public long insert(Connection c, String name, String role, String sha256, String at, String by)
            throws SQLException {
        // RETURNING rather than generated keys: the SQLite connections are opened without them (Database)
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (name, role, token_sha256,"
                + " created_at, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setString(2, role);
            ps.setString(3, sha256);
            ps.setString(4, at);
            ps.setString(5, by);
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public Optional<TokenRow> findByHash(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE token_sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<TokenRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<TokenRow> list(Connection c) throws SQLException {
        List<TokenRow> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    /** Marks the token revoked; false when there is no such token or it was revoked already. */
    public boolean revoke(Connection c, long id, String at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, at);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static TokenRow read(ResultSet rs) throws SQLException {
        return new TokenRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Optional.ofNullable(rs.getString(7)));
    }
}

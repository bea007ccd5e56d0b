package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Card tokens: their account binding and the block list. */
public final class CardStore {

    /** A card's state; {@code account} empty when unbound. */
    public record CardRecord(String card, Optional<String> account, boolean blocked) {
    }

    public Optional<CardRecord> find(Connection c, String card) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT account, blocked_at FROM cards WHERE card = ?")) {
            ps.setString(1, card);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CardRecord(card, Optional.ofNullable(rs.getString(1)), rs.getString(2) != null));
            }
        }
    }

    public void bind(Connection c, String card, String account, String at) throws SQLException {
        if (update(c, "UPDATE cards SET account = ?, bound_at = ? WHERE card = ?", account, at, card) == 0) {
            update(c, "INSERT INTO cards (account, bound_at, card) VALUES (?, ?, ?)", account, at, card);
        }
    }

    public void block(Connection c, String card, String at) throws SQLException {
        if (update(c, "UPDATE cards SET blocked_at = COALESCE(blocked_at, ?) WHERE card = ?", at, card) == 0) {
            update(c, "INSERT INTO cards (blocked_at, card) VALUES (?, ?)", at, card);
        }
    }

    private static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}

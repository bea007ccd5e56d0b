package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.carbonkiosk.collector.credit.MonthTotals;

/**
 * Each account's month totals. {@link #lock} creates the row if needed and locks it for the
 * rest of the transaction, so two deposits for one account are decided one after the other.
 */
public final class AccountMonthStore {
    public MonthTotals lock(Connection c, String account, String month) throws SQLException {
        // One statement: create the row if needed and lock it (ON CONFLICT DO UPDATE takes the row lock).
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_months (account, month, credited_grams,"
                + " deposits, counted_deposits) VALUES (?, ?, 0, 0, 0) ON CONFLICT (account, month) DO UPDATE"
                + " SET credited_grams = account_months.credited_grams"
                + " RETURNING credited_grams, deposits, counted_deposits")) {
            ps.setString(1, account);
            ps.setString(2, month);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new MonthTotals(rs.getInt(1), rs.getInt(2), rs.getInt(3));
            }
        }
    }

    public void save(Connection c, String account, String month, MonthTotals totals) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account_months SET credited_grams = ?, deposits = ?,"
                + " counted_deposits = ? WHERE account = ? AND month = ?")) {
            ps.setInt(1, totals.creditedGrams());
            ps.setInt(2, totals.deposits());
            ps.setInt(3, totals.countedDeposits());
            ps.setString(4, account);
            ps.setString(5, month);
            ps.executeUpdate();
        }
    }

    public Optional<MonthTotals> find(Connection c, String account, String month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT credited_grams, deposits, counted_deposits"
                + " FROM account_months WHERE account = ? AND month = ?")) {
            ps.setString(1, account);
            ps.setString(2, month);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new MonthTotals(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                        : Optional.empty();
            }
        }
    }
}

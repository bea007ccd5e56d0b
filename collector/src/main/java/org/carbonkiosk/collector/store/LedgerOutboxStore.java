package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox of credits for the ledger. States: {@code pending} (to send; the
 * oldest pending row of each account goes first), {@code forwarded}, {@code dead} (refused
 * with a 4xx other than 409; waits for an operator retry; does not block later credits).
 * {@code next_attempt_ms} is both the backoff and a lease: a forwarder claims a row by moving it.
 */
public final class LedgerOutboxStore {
    public static final String PENDING = "pending";
    public static final String FORWARDED = "forwarded";
    public static final String DEAD = "dead";

    /** One outbox row. */
    public record OutboxRow(long id, String creditId, String account, String body, String state, int attempts,
                            long nextAttemptMs, Optional<String> lastError) {
    }

    /** Counts for health and metrics. */
    public record Backlog(long pending, long dead, long forwarded) {
    }

    public void enqueue(Connection c, String creditId, String account, String body, long nowMs, String at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_outbox (credit_id, account, body, state,"
                + " attempts, next_attempt_ms, created_at) VALUES (?, ?, ?, ?, 0, ?, ?)")) {
            ps.setString(1, creditId);
            ps.setString(2, account);
            ps.setString(3, body);
            ps.setString(4, PENDING);
            ps.setLong(5, nowMs);
            ps.setString(6, at);
            ps.executeUpdate();
        }
    }

    /** The head (oldest pending row) of each account whose next attempt is due, oldest first. */
    public List<OutboxRow> dueHeads(Connection c, long nowMs, int limit) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.credit_id, o.account, o.body, o.state,"
                + " o.attempts, o.next_attempt_ms, o.last_error FROM ledger_outbox o WHERE o.state = ?"
                + " AND o.next_attempt_ms <= ? AND o.id = (SELECT MIN(p.id) FROM ledger_outbox p"
                + " WHERE p.state = ? AND p.account = o.account) ORDER BY o.id")) {
            ps.setString(1, PENDING);
            ps.setLong(2, nowMs);
            ps.setString(3, PENDING);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    /** Claims a due row until {@code leaseUntilMs}; false when another forwarder moved it first. */
    public boolean claim(Connection c, OutboxRow row, long leaseUntilMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_outbox SET next_attempt_ms = ?"
                + " WHERE id = ? AND state = ? AND next_attempt_ms = ?")) {
            ps.setLong(1, leaseUntilMs);
            ps.setLong(2, row.id());
            ps.setString(3, PENDING);
            ps.setLong(4, row.nextAttemptMs());
            return ps.executeUpdate() == 1;
        }
    }

    public void markForwarded(Connection c, long id, String at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_outbox SET state = ?, forwarded_at = ?,"
                + " attempts = attempts + 1, last_error = NULL WHERE id = ?")) {
            ps.setString(1, FORWARDED);
            ps.setString(2, at);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public void markRetry(Connection c, long id, long nextAttemptMs, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_outbox SET attempts = attempts + 1,"
                + " next_attempt_ms = ?, last_error = ? WHERE id = ?")) {
            ps.setLong(1, nextAttemptMs);
            ps.setString(2, error);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public void markDead(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_outbox SET state = ?, attempts = attempts + 1,"
                + " last_error = ? WHERE id = ?")) {
            ps.setString(1, DEAD);
            ps.setString(2, error);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Puts a dead letter back in the queue (operator retry); false when no such dead letter. */
    public boolean retryDead(Connection c, String creditId, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_outbox SET state = ?, next_attempt_ms = ?"
                + " WHERE credit_id = ? AND state = ?")) {
            ps.setString(1, PENDING);
            ps.setLong(2, nowMs);
            ps.setString(3, creditId);
            ps.setString(4, DEAD);
            return ps.executeUpdate() == 1;
        }
    }

    public List<OutboxRow> deadLetters(Connection c, int limit) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, credit_id, account, body, state, attempts,"
                + " next_attempt_ms, last_error FROM ledger_outbox WHERE state = ? ORDER BY id")) {
            ps.setString(1, DEAD);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    public Optional<String> stateOf(Connection c, String creditId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM ledger_outbox WHERE credit_id = ?")) {
            ps.setString(1, creditId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Backlog backlog(Connection c) throws SQLException {
        long pending = 0;
        long dead = 0;
        long forwarded = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM ledger_outbox GROUP BY state");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case PENDING -> pending = rs.getLong(2);
                    case DEAD -> dead = rs.getLong(2);
                    default -> forwarded = rs.getLong(2);
                }
            }
        }
        return new Backlog(pending, dead, forwarded);
    }

    private static OutboxRow read(ResultSet rs) throws SQLException {
        return new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getLong(7), Optional.ofNullable(rs.getString(8)));
    }
}

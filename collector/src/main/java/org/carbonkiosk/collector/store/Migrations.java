package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.tinylog.Logger;

/**
 * The schema, as numbered migrations applied once each, in order, recorded in
 * {@code schema_version}. Never edit a released migration: add the next one.
 */
public final class Migrations {
    /** One migration: its number and statements (DDL with {@link Dialect} placeholders). */
    record Migration(int version, List<String> statements) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, List.of(
                    "CREATE TABLE devices (device_id VARCHAR(32) PRIMARY KEY, kiosk_type VARCHAR(32) NOT NULL,"
                            + " location TEXT, created_at VARCHAR(40) NOT NULL, revoked_at VARCHAR(40),"
                            + " last_seq BIGINT NOT NULL DEFAULT 0)",
                    "CREATE TABLE device_keys (device_id VARCHAR(32) NOT NULL, key_version INTEGER NOT NULL,"
                            + " public_key VARCHAR(64) NOT NULL, added_at VARCHAR(40) NOT NULL,"
                            + " PRIMARY KEY (device_id, key_version))",
                    "CREATE TABLE seq_gaps (device_id VARCHAR(32) NOT NULL, seq BIGINT NOT NULL,"
                            + " PRIMARY KEY (device_id, seq))",
                    "CREATE TABLE cards (card VARCHAR(64) PRIMARY KEY, account TEXT, bound_at VARCHAR(40),"
                            + " blocked_at VARCHAR(40))",
                    "CREATE TABLE events (event_id VARCHAR(64) PRIMARY KEY, device_id VARCHAR(32) NOT NULL,"
                            + " seq BIGINT NOT NULL, type VARCHAR(16) NOT NULL, jws TEXT NOT NULL,"
                            + " received_at VARCHAR(40) NOT NULL, decided_at VARCHAR(40) NOT NULL,"
                            + " status VARCHAR(16) NOT NULL, reason VARCHAR(32), credited_grams INTEGER NOT NULL,"
                            + " card VARCHAR(64), account TEXT, month VARCHAR(7), net_grams INTEGER,"
                            + " occurred_at VARCHAR(40) NOT NULL, rule_version VARCHAR(64) NOT NULL,"
                            + " month_credited_grams INTEGER, month_cap_grams INTEGER)",
                    "CREATE INDEX events_by_card ON events (card, status)",
                    "CREATE INDEX events_by_account_month ON events (account, month)",
                    "CREATE TABLE account_months (account TEXT NOT NULL, month VARCHAR(7) NOT NULL,"
                            + " credited_grams INTEGER NOT NULL, deposits INTEGER NOT NULL,"
                            + " counted_deposits INTEGER NOT NULL, PRIMARY KEY (account, month))",
                    "CREATE TABLE ledger_outbox (id ${autoId}, credit_id VARCHAR(64) NOT NULL UNIQUE,"
                            + " account TEXT NOT NULL, body TEXT NOT NULL, state VARCHAR(16) NOT NULL,"
                            + " attempts INTEGER NOT NULL DEFAULT 0, next_attempt_ms BIGINT NOT NULL,"
                            + " last_error TEXT, created_at VARCHAR(40) NOT NULL, forwarded_at VARCHAR(40))",
                    "CREATE INDEX ledger_outbox_pending ON ledger_outbox (state, account, id)",
                    "CREATE TABLE rejected_messages (id ${autoId}, topic TEXT NOT NULL,"
                            + " received_at VARCHAR(40) NOT NULL, reason VARCHAR(32) NOT NULL, detail TEXT,"
                            + " event_id VARCHAR(64), raw ${blob} NOT NULL, raw_size INTEGER NOT NULL,"
                            + " raw_sha256 VARCHAR(64) NOT NULL)",
                    "CREATE INDEX rejected_by_event ON rejected_messages (event_id)")),
            // 3: the operator console's API tokens (hashed), audit log of writes, and review notes
            new Migration(3, List.of(
                    "CREATE TABLE api_tokens (id ${autoId}, name TEXT NOT NULL, role VARCHAR(16) NOT NULL,"
                            + " token_sha256 VARCHAR(64) NOT NULL UNIQUE, created_at VARCHAR(40) NOT NULL,"
                            + " created_by TEXT NOT NULL, revoked_at VARCHAR(40))",
                    "CREATE TABLE audit_log (id ${autoId}, at VARCHAR(40) NOT NULL, who TEXT NOT NULL,"
                            + " role VARCHAR(16) NOT NULL, action TEXT NOT NULL, target TEXT,"
                            + " status INTEGER NOT NULL, outcome TEXT NOT NULL)",
                    "CREATE TABLE event_reviews (id ${autoId}, event_id VARCHAR(64) NOT NULL,"
                            + " at VARCHAR(40) NOT NULL, reviewer TEXT NOT NULL, action VARCHAR(16) NOT NULL,"
                            + " note TEXT, result_status VARCHAR(16) NOT NULL, result_reason VARCHAR(32))",
                    "CREATE INDEX event_reviews_by_event ON event_reviews (event_id)")),
            // 4: integrity signals (v1.1): scale mode, review flag, weight chain and mass-balance verdict per
            // kiosk; card sightings for the clone check; each event's signals; the hauler's pickups
            new Migration(4, List.of(
                    "CREATE TABLE kiosk_integrity (device_id VARCHAR(32) PRIMARY KEY, scale_mode VARCHAR(8),"
                            + " flag_reason TEXT, flagged_by TEXT, flagged_at VARCHAR(40),"
                            + " chain_seq BIGINT NOT NULL DEFAULT 0, chain_ref_seq BIGINT NOT NULL DEFAULT 0,"
                            + " chain_grams INTEGER, balance_ok INTEGER)",
                    "CREATE TABLE card_uses (card VARCHAR(64) NOT NULL, at_ms BIGINT NOT NULL,"
                            + " device_id VARCHAR(32) NOT NULL, event_id VARCHAR(64) NOT NULL)",
                    "CREATE INDEX card_uses_by_card ON card_uses (card, at_ms)",
                    "CREATE TABLE event_signals (event_id VARCHAR(64) NOT NULL, position INTEGER NOT NULL,"
                            + " reason VARCHAR(32) NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (event_id, position))",
                    "CREATE TABLE pickups (id ${autoId}, device_id VARCHAR(32) NOT NULL,"
                            + " collected_grams INTEGER NOT NULL, collected_at VARCHAR(40) NOT NULL,"
                            + " by_name TEXT NOT NULL, recorded_at VARCHAR(40) NOT NULL, recorded_by TEXT NOT NULL)",
                    "CREATE INDEX pickups_by_device ON pickups (device_id, id)",
                    "CREATE INDEX events_by_device_seq ON events (device_id, seq)")));

    private Migrations() {
    }

    /** Brings the schema up to the latest version; safe when several collectors start at once. */
    public static int migrate(Database db) {
        db.write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                        + " applied_at VARCHAR(40) NOT NULL)");
            }
            return null;
        });
        int applied = 0;
        for (Migration m : ALL) {
            boolean ran = db.write(c -> {
                if (db.dialect() == Dialect.POSTGRES) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT pg_advisory_xact_lock(4242001)");
                    }
                }
                if (applied(c, m.version())) {
                    return false;
                }
                try (Statement st = c.createStatement()) {
                    for (String sql : m.statements()) {
                        st.execute(db.dialect().ddl(sql));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, Instant.now().toString());
                    ps.executeUpdate();
                }
                return true;
            });
            if (ran) {
                Logger.info("schema migrated to version {}", m.version());
                applied++;
            }
        }
        return applied;
    }

    /** True when migration {@code version} is recorded (a gap below a later version still runs). */
    static boolean applied(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static int current(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}

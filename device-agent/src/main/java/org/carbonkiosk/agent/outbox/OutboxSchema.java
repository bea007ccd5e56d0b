package org.carbonkiosk.agent.outbox;

/**
 * The outbox's tables: {@code meta} (the seq counter {@code last_seq}), {@code outbox} (signed
 * events until receipted, then kept for audit), {@code open_session} (the journal of a session
 * that unlocked the door), {@code claw_grant} (one row per deposit that earned plays) and
 * {@code audit} (lines about sessions that ended without an event).
 */
final class OutboxSchema {
    static final String[] STATEMENTS = {
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('last_seq', 0)",
        "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE,"
                + " type TEXT NOT NULL, jws TEXT NOT NULL, card TEXT, net_grams INTEGER,"
                + " created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                + " next_attempt_at INTEGER NOT NULL DEFAULT 0, last_published_at INTEGER NOT NULL DEFAULT 0,"
                + " settled_at INTEGER, status TEXT, reason TEXT,"
                + " credited_grams INTEGER)",
        "CREATE INDEX IF NOT EXISTS outbox_unsettled ON outbox (settled_at, seq)",
        "CREATE TABLE IF NOT EXISTS open_session (id INTEGER PRIMARY KEY CHECK (id = 1), card TEXT NOT NULL,"
                + " tare_grams INTEGER NOT NULL, started_at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS claw_grant (for_event_id TEXT PRIMARY KEY, plays INTEGER NOT NULL,"
                + " at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
                + " line TEXT NOT NULL)",
    };

    private OutboxSchema() {
    }

    /** Brings a store written by an earlier agent version up to date (columns added since). */
    static void migrate(java.sql.Statement st) throws java.sql.SQLException {
        boolean hasLastPublished = false;
        try (java.sql.ResultSet rs = st.executeQuery("PRAGMA table_info(outbox)")) {
            while (rs.next()) {
                hasLastPublished |= "last_published_at".equals(rs.getString("name"));
            }
        }
        if (!hasLastPublished) {
            st.execute("ALTER TABLE outbox ADD COLUMN last_published_at INTEGER NOT NULL DEFAULT 0");
        }
    }
}

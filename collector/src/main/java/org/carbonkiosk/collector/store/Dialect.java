package org.carbonkiosk.collector.store;

import java.sql.SQLException;

/** The few places where SQLite and PostgreSQL SQL differ. Everything else is shared SQL. */
public enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", ""),
    POSTGRES("BIGSERIAL PRIMARY KEY", "BYTEA", " FOR UPDATE");

    private final String autoId;
    private final String blob;
    private final String forUpdate;

    Dialect(String autoId, String blob, String forUpdate) {
        this.autoId = autoId;
        this.blob = blob;
        this.forUpdate = forUpdate;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("unsupported database URL (sqlite or postgresql only)");
    }

    /** Replaces {@code ${autoId}} and {@code ${blob}} in DDL. */
    public String ddl(String sql) {
        return sql.replace("${autoId}", autoId).replace("${blob}", blob);
    }

    /**
     * The row-lock suffix for a SELECT in a write transaction. SQLite needs none: a write
     * transaction there is {@code BEGIN IMMEDIATE}, one writer at a time.
     */
    public String forUpdate() {
        return forUpdate;
    }

    /** True for errors after which the whole transaction should simply run again. */
    public boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state)) {
            return true;
        }
        if (this == POSTGRES) {
            return "40001".equals(state) || "40P01".equals(state);
        }
        String msg = String.valueOf(e.getMessage());
        return msg.contains("SQLITE_BUSY") || msg.contains("database is locked");
    }
}

package org.carbonkiosk.collector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** A fresh PostgreSQL schema per test run, from {@code kiosk.it.pgUrl}; the test is skipped when unset. */
final class PgSchema {
    private PgSchema() {
    }

    /** A JDBC URL whose current schema is new and empty. */
    static String fresh() {
        String base = System.getProperty("kiosk.it.pgUrl", "");
        Assumptions.assumeFalse(base.isBlank(), "kiosk.it.pgUrl not set: PostgreSQL tests skipped");
        String schema = "kiosk_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}

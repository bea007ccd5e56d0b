package org.carbonkiosk.agent.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * The outbox's one SQLite connection (WAL, {@code synchronous=FULL}) and its transactions. Every
 * transaction holds this object's lock, so the outbox's parts never interleave; a failed write
 * marks the store {@link #failed()} until a later write commits.
 */
final class OutboxDb implements AutoCloseable {
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Path file;
    private final Connection db;
    private final LongSupplier nowMs;
    private volatile boolean failed;

    private OutboxDb(Path file, Connection db, LongSupplier nowMs) {
        this.file = file;
        this.db = db;
        this.nowMs = nowMs;
    }

    /** Opens (or creates) the store, checks its integrity, sets WAL and the size cap ({@code maxBytes}, 0 = none). */
    static OutboxDb open(Path file, LongSupplier nowMs, long maxBytes) throws StoreException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                    String result = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equals(result)) {
                        db.close();
                        throw new StoreException(file + " failed PRAGMA integrity_check: " + result
                                + "; move it aside and restore from backup (events in it may be lost)");
                    }
                }
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new StoreException(file + ": cannot switch to WAL mode");
                    }
                }
                st.execute("PRAGMA synchronous = FULL");
                for (String sql : OutboxSchema.STATEMENTS) {
                    st.execute(sql);
                }
                OutboxSchema.migrate(st);
                if (maxBytes > 0) {
                    long pageSize;
                    try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
                        rs.next();
                        pageSize = rs.getLong(1);
                    }
                    st.execute("PRAGMA max_page_count = " + Math.max(1, maxBytes / pageSize));
                }
            }
            db.setAutoCommit(false);
            db.commit();
            return new OutboxDb(file, db, nowMs);
        } catch (SQLException | java.io.IOException e) {
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("cannot open outbox " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    long now() {
        return nowMs.getAsLong();
    }

    boolean failed() {
        return failed;
    }

    synchronized <T> T transaction(Work<T> work) throws StoreException {
        try {
            T result = work.run();
            db.commit();
            failed = false;
            return result;
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        } catch (SQLException e) {
            rollback(e);
            failed = true;
            throw new StoreException("outbox write failed: " + e.getMessage(), e);
        }
    }

    synchronized <T> T read(Work<T> work) throws StoreException {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            rollback(e);
            throw new StoreException("outbox read failed: " + e.getMessage(), e);
        }
    }

    /** The value of a PRAGMA on this open connection ({@code journal_mode}, {@code synchronous}, ...). */
    String pragma(String name) throws StoreException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + name);
        }
        return read(() -> {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** A statement outside {@link #transaction} and {@link #read}: the caller holds this object's lock. */
    PreparedStatement prepare(String sql) throws SQLException {
        return db.prepareStatement(sql);
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    int count(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            Logger.warn("closing outbox {}: {}", file, e.getMessage());
        }
    }

    private void rollback(Exception cause) {
        try {
            db.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}

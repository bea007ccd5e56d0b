package org.carbonkiosk.collector.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.tinylog.Logger;

/**
 * A small JDBC connection pool with transactions. SQLite: WAL, synchronous FULL, write
 * transactions {@code BEGIN IMMEDIATE} and one in-process writer at a time. PostgreSQL:
 * READ COMMITTED with explicit row locks ({@link Dialect#forUpdate()}).
 */
public final class Database implements AutoCloseable {
    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Dialect dialect;
    private final BlockingQueue<Connection> pool;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final int size;
    private volatile boolean closed;

    public Database(String url, int poolSize) {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.size = dialect == Dialect.SQLITE ? Math.max(2, Math.min(poolSize, 4)) : poolSize;
        this.pool = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                pool.add(open());
            }
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open database: " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    private Connection open() throws SQLException {
        Connection c;
        if (dialect == Dialect.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(30_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setGetGeneratedKeys(false); // else every INSERT asks for last_insert_rowid() again
            config.setCacheSize(-16_384); // 16 MiB of page cache per connection (native memory)
            c = StatementCache.wrap(DriverManager.getConnection(url, config.toProperties()));
        } else {
            c = DriverManager.getConnection(url, new Properties());
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        c.setAutoCommit(true);
        return c;
    }

    /** A write transaction, retried on lock conflicts; commits when {@code work} returns. */
    public <T> T write(Work<T> work) {
        boolean sqlite = dialect == Dialect.SQLITE;
        if (sqlite) {
            writeLock.lock();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return inTransaction(work);
                } catch (SQLException e) {
                    retryOrThrow(e, attempt);
                } catch (StoreException e) {
                    if (!(e.getCause() instanceof SQLException sql)) {
                        throw e;
                    }
                    retryOrThrow(sql, attempt);
                }
            }
        } finally {
            if (sqlite) {
                writeLock.unlock();
            }
        }
    }

    private void retryOrThrow(SQLException e, int attempt) {
        if (!dialect.isRetryable(e) || attempt >= 20) {
            throw new StoreException("write failed: " + e.getMessage(), e);
        }
        Logger.debug("retrying transaction after {}", e.getMessage());
    }

    /** A read outside any write transaction (autocommit). */
    public <T> T read(Work<T> work) {
        Connection c = take();
        boolean broken = false;
        try {
            return work.run(c);
        } catch (SQLException e) {
            broken = isBroken(c);
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            giveBack(c, broken);
        }
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        Connection c = take();
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    broken = true;
                }
                broken = broken || ((e instanceof SQLException || e instanceof StoreException) && isBroken(c));
                throw e;
            } finally {
                if (!broken) {
                    c.setAutoCommit(true);
                }
            }
        } finally {
            giveBack(c, broken);
        }
    }

    private Connection take() {
        if (closed) {
            throw new StoreException("database is closed", null);
        }
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for a connection", e);
        }
    }

    private void giveBack(Connection c, boolean broken) {
        if (broken) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
            try {
                c = open();
            } catch (SQLException e) {
                Logger.warn("cannot reopen a database connection: {}", e.getMessage());
                // keep the pool size: put the broken one back; the next use fails and retries.
            }
        }
        if (closed) {
            closeQuietly(c);
        } else {
            pool.add(c);
        }
    }

    private static boolean isBroken(Connection c) {
        try {
            return !c.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    /** True when a trivial query works. */
    public boolean isUp() {
        try {
            return read(c -> {
                try (var st = c.createStatement()) {
                    st.execute("SELECT 1");
                    return true;
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = pool.poll()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}

package org.carbonkiosk.collector.store;

import java.nio.file.Path;
import java.util.Objects;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;

/**
 * Where the collector keeps its data ({@code data.dir}, {@code db.*}).
 *
 * @param dataDir  the SQLite database (by default) and the generated admin token live here
 * @param dbUrl    JDBC URL; empty = {@code jdbc:sqlite:<dataDir>/collector.db}
 * @param poolSize connections at most (PostgreSQL; SQLite has one writer anyway)
 */
public record StoreSettings(Path dataDir, String dbUrl, int poolSize) {

    public StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dbUrl, "dbUrl");
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("db.url", "must be jdbc:sqlite:... or jdbc:postgresql:...");
        }
        if (poolSize < 1) {
            throw new ConfigException("db.poolSize", "must be at least 1");
        }
    }

    /** Reads {@code data.dir} (default {@code data}), {@code db.url} and {@code db.poolSize} (default 8). */
    public static StoreSettings from(ConfigSource s) {
        return new StoreSettings(Path.of(s.string("data.dir", "data")), s.string("db.url", ""),
                s.integer("db.poolSize", 8, 1, 256));
    }

    /** The JDBC URL in effect. */
    public String effectiveDbUrl() {
        return dbUrl.isEmpty() ? "jdbc:sqlite:" + dataDir.resolve("collector.db") : dbUrl;
    }

    @Override
    public String toString() {
        return "Store[dataDir=" + dataDir + ", db="
                + (dbUrl.isEmpty() ? "sqlite" : dbUrl.replaceAll("password=[^&]*", "password=***")) + "]";
    }
}

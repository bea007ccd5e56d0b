package org.carbonkiosk.provisioning.selftest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Reads, read-only, the newest receipted event of the agent's outbox ({@code data.dir/outbox.db},
 * table {@code outbox} of the agent's Outbox). Self-test publishes its exact bytes again: the
 * collector answers with the original decision and {@code "repeat":true}, crediting nothing.
 */
final class SettledEvents {
    /** An event the collector has already decided, as the agent published it. */
    record Settled(String eventId, String jws) {
    }

    private SettledEvents() {
    }

    static Optional<Settled> newest(Path outboxDb) {
        if (!Files.isRegularFile(outboxDb)) {
            return Optional.empty();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + outboxDb.toAbsolutePath());
             PreparedStatement st = c.prepareStatement("SELECT event_id, jws FROM outbox WHERE settled_at IS NOT NULL"
                     + " ORDER BY seq DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(new Settled(rs.getString(1), rs.getString(2))) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}

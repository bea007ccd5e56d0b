package org.carbonkiosk.agent.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The outbox as another program on the kiosk (the provisioning tool's self-test) reads it while
 * the agent may be running: read-only, never creating or migrating the file.
 */
public final class ReadOnlyOutbox {
    private ReadOnlyOutbox() {
    }

    /** The newest receipted event, its bytes as published; empty when there is none or the file is unreadable. */
    public static Optional<StoredEvent> newestSettled(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
             PreparedStatement st = c.prepareStatement("SELECT seq, event_id, type, jws, attempts FROM outbox"
                     + " WHERE settled_at IS NOT NULL ORDER BY seq DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getString(4).getBytes(StandardCharsets.US_ASCII), rs.getInt(5))) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}

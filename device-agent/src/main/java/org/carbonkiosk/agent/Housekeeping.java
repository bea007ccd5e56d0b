package org.carbonkiosk.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.StoreException;
import org.tinylog.Logger;

/**
 * The agent's periodic chores besides the session: purging receipted events past their keeping
 * time, and the watchdog heartbeat file (its freshness tells systemd the session loop is alive).
 */
final class Housekeeping {
    private Housekeeping() {
    }

    static void purge(Outbox outbox, Duration keepSettled, String deviceId) {
        try {
            int n = outbox.purgeSettledBefore(System.currentTimeMillis() - keepSettled.toMillis());
            if (n > 0) {
                Logger.info("purged settled events deviceId={} count={}", deviceId, n);
            }
        } catch (StoreException e) {
            Logger.warn("purge failed deviceId={}: {}", deviceId, e.getMessage());
        }
    }

    static void heartbeat(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file);
            }
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            Logger.warn("watchdog file {}: {}", file, e.getMessage());
        }
    }
}

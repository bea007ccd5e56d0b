package org.carbonkiosk.agent.outbox;

import java.nio.file.Files;

/**
 * Whether the store can take the next deposit: the last write's outcome, a probe write larger
 * than any event, and the free space of its file system.
 */
final class StoreHealth {
    private static final String PROBE = "probe ".repeat(400);
    private final OutboxDb db;

    StoreHealth(OutboxDb db) {
        this.db = db;
    }

    boolean failed() {
        return db.failed();
    }

    boolean probe() {
        synchronized (db) {
            try {
                long at = db.now();
                db.transaction(() -> AuditTrail.insert(db, at, PROBE));
                db.transaction(() -> db.update("DELETE FROM audit WHERE line = ?", PROBE));
                return true;
            } catch (StoreException e) {
                return false;
            }
        }
    }

    long freeBytes() {
        try {
            return Files.getFileStore(db.file().toAbsolutePath().getParent()).getUsableSpace();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}

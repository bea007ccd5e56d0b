package org.carbonkiosk.agent;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.DoorLock;
import org.carbonkiosk.agent.outbox.Journal;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.StoreException;
import org.tinylog.Logger;

/**
 * A session whose journal survived a restart (power lost, crash) is closed honestly: the door
 * is locked, no weight is invented (no deposit event), an audit line records what was known.
 */
final class InterruptedSession {
    private InterruptedSession() {
    }

    static void closeAtBoot(Outbox outbox, DoorLock lock, String deviceId) throws StoreException {
        Optional<Journal> journal = outbox.journal();
        if (journal.isEmpty()) {
            return;
        }
        try {
            lock.lock();
        } catch (IOException e) {
            Logger.error("cannot lock the door after an interrupted session deviceId={}: {}", deviceId, e.getMessage());
        }
        String line = "session interrupted (power loss or crash) started at "
                + Instant.ofEpochMilli(journal.get().startedAtMs()) + " with tare " + journal.get().tareGrams()
                + " g: closed at boot without a deposit event; door locked";
        outbox.closeJournal(line);
        Logger.warn("{} deviceId={}", line, deviceId);
    }
}

package org.carbonkiosk.agent.session;

import java.util.HashSet;
import java.util.Set;
import org.tinylog.Logger;

/**
 * Logs a hardware part's failure once when it starts and once when it recovers, not on every
 * poll: a broken reader polled ten times a second must not flood the journal on an SD card.
 */
final class PartHealth {
    private final String deviceId;
    private final Set<String> failing = new HashSet<>();

    PartHealth(String deviceId) {
        this.deviceId = deviceId;
    }

    void failed(String part, Exception e) {
        if (failing.add(part)) {
            Logger.warn("{} failing deviceId={}: {}", part, deviceId, e.getMessage());
        }
    }

    void ok(String part) {
        if (failing.remove(part)) {
            Logger.info("{} working again deviceId={}", part, deviceId);
        }
    }

    boolean isFailing(String part) {
        return failing.contains(part);
    }
}

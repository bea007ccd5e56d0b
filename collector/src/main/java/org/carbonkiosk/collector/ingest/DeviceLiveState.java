package org.carbonkiosk.collector.ingest;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each device's online state, last seen time, bin fill and outbox depth, from its retained
 * status, its telemetry and its events. Kept in memory: every collector subscribes to status
 * and telemetry itself, and the retained status restores it after a restart.
 */
public final class DeviceLiveState {
    /** What is known of one device right now. */
    public record Live(boolean online, Optional<String> agent, Optional<Instant> lastSeen,
                       Optional<Integer> binFillPercent, Optional<Long> outboxDepth) {
        static final Live UNKNOWN = new Live(false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private final ConcurrentHashMap<String, Live> devices = new ConcurrentHashMap<>();

    public Live of(String deviceId) {
        return devices.getOrDefault(deviceId, Live.UNKNOWN);
    }

    public void status(String deviceId, boolean online, String agent, Instant at) {
        devices.compute(deviceId, (k, l) -> {
            Live o = l == null ? Live.UNKNOWN : l;
            return new Live(online, Optional.of(agent), Optional.of(later(o.lastSeen(), at)), o.binFillPercent(),
                    o.outboxDepth());
        });
    }

    public void telemetry(String deviceId, int binFill, long outboxDepth, Instant at) {
        devices.compute(deviceId, (k, l) -> {
            Live o = l == null ? Live.UNKNOWN : l;
            return new Live(o.online(), o.agent(), Optional.of(later(o.lastSeen(), at)), Optional.of(binFill),
                    Optional.of(outboxDepth));
        });
    }

    public void seen(String deviceId, Instant at) {
        devices.compute(deviceId, (k, l) -> {
            Live o = l == null ? Live.UNKNOWN : l;
            return new Live(o.online(), o.agent(), Optional.of(later(o.lastSeen(), at)), o.binFillPercent(),
                    o.outboxDepth());
        });
    }

    public long onlineCount() {
        return devices.values().stream().filter(Live::online).count();
    }

    private static Instant later(Optional<Instant> a, Instant b) {
        return a.isPresent() && a.get().isAfter(b) ? a.get() : b;
    }
}

package org.carbonkiosk.collector.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.carbonkiosk.protocol.event.DepositEvent;

/**
 * Each device's online state, last seen time, bin fill and outbox depth, from its retained
 * status, its telemetry and its events, and the calibration date of the latest deposit this
 * collector decided. Kept in memory: every collector subscribes to status and telemetry itself,
 * and the retained status restores it after a restart; a device's latest deposit before this
 * collector decided one is read from the database once ({@link #latestDeposit}).
 */
public final class DeviceLiveState {
    /** What is known of one device right now. */
    public record Live(boolean online, Optional<String> agent, Optional<Instant> lastSeen,
                       Optional<Integer> binFillPercent, Optional<Long> outboxDepth) {
        static final Live UNKNOWN = new Live(false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The seq and calibration date of a device's latest deposit (seq -1: it has sent none). */
    public record LatestDeposit(long seq, Optional<OffsetDateTime> calibratedAt) {
        public static LatestDeposit of(Optional<DepositEvent> deposit) {
            return new LatestDeposit(deposit.map(DepositEvent::seq).orElse(-1L),
                    deposit.flatMap(DepositEvent::calibratedAt));
        }

        public boolean any() {
            return seq >= 0;
        }
    }

    private final ConcurrentHashMap<String, Live> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LatestDeposit> deposits = new ConcurrentHashMap<>();

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

    /** A deposit of the device was decided (or read from the database): kept when its seq is the highest. */
    public void deposit(String deviceId, LatestDeposit d) {
        deposits.merge(deviceId, d, (old, neu) -> neu.seq() >= old.seq() ? neu : old);
    }

    /**
     * The device's latest deposit: the latest this collector decided, or {@code fromDatabase}'s
     * answer, asked once per device (until then this collector has decided none of its deposits).
     */
    public LatestDeposit latestDeposit(String deviceId, Supplier<LatestDeposit> fromDatabase) {
        LatestDeposit known = deposits.get(deviceId);
        if (known != null) {
            return known;
        }
        deposit(deviceId, fromDatabase.get());
        return deposits.get(deviceId);
    }

    public long onlineCount() {
        return devices.values().stream().filter(Live::online).count();
    }

    private static Instant later(Optional<Instant> a, Instant b) {
        return a.isPresent() && a.get().isAfter(b) ? a.get() : b;
    }
}

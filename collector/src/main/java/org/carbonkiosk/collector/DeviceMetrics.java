package org.carbonkiosk.collector;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.ConsoleQueries;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.DepositEvent;

/**
 * The per-device gauges the alert rules read ({@code device_id} label), for registered devices
 * that are not revoked: last message, bin fill, calibration expiry, mass balance. Last seen and
 * bin fill are what this collector has received (the rules take the maximum over collectors);
 * the calibration expiry and the mass balance are read from the database.
 *
 * <p>A scrape must stay cheap with 10,000 kiosks and a busy deciding thread: the device list is
 * one query without the keys (one per gauge), and a device's latest deposit is looked up again
 * only when its highest seq has moved since the last look (a few devices per scrape), so a scrape
 * costs four queries plus one per device that sent something since the last.
 */
final class DeviceMetrics {
    private final Store store;
    private final DeviceLiveState live;
    private final ConsoleQueries queries;
    private final Duration calibrationMaxAge;
    private final Map<String, Calibration> calibrations = new ConcurrentHashMap<>();

    /** A device's calibration expiry as of its highest seq {@code seenSeq}. */
    private record Calibration(long seenSeq, Optional<Long> expiry) {
    }

    DeviceMetrics(Store store, DeviceLiveState live, Duration calibrationMaxAge) {
        this.store = store;
        this.live = live;
        this.queries = new ConsoleQueries(store.events());
        this.calibrationMaxAge = calibrationMaxAge;
    }

    void register(Metrics metrics) {
        metrics.deviceGauge("kiosk_device_last_seen_timestamp_seconds",
                "Unix time of the device's last message (status, telemetry or event) this collector received.",
                () -> each((id, seq) -> live.of(id).lastSeen().map(t -> t.getEpochSecond())));
        metrics.deviceGauge("kiosk_device_bin_fill_percent", "The bin fill of the device's latest telemetry.",
                () -> each((id, seq) -> live.of(id).binFillPercent().map(Integer::longValue)));
        metrics.deviceGauge("kiosk_device_calibration_expiry_timestamp_seconds",
                "Unix time when the scale's calibration expires: the latest deposit's calibratedAt plus"
                        + " rule.calibrationMaxAge.", () -> each(this::calibrationExpiry));
        metrics.deviceGauge("kiosk_mass_balance_out_of_tolerance",
                "1 while the kiosk's latest mass-balance period is out of tolerance, else 0.",
                () -> store.db().read(c -> store.integrity().balances(c)));
    }

    private Optional<Long> calibrationExpiry(String deviceId, long lastSeq) {
        Calibration known = calibrations.get(deviceId);
        if (known != null && known.seenSeq() == lastSeq) {
            return known.expiry();
        }
        Optional<StoredEvent> last = store.db().read(c -> queries.latestDeposit(c, deviceId));
        Optional<Long> expiry = last.map(StoredEvent::event).filter(DepositEvent.class::isInstance)
                .map(DepositEvent.class::cast).flatMap(DepositEvent::calibratedAt)
                .map(at -> at.toInstant().plus(calibrationMaxAge).getEpochSecond());
        calibrations.put(deviceId, new Calibration(lastSeq, expiry));
        return expiry;
    }

    /** The value of each registered, not revoked device that has one. */
    private Map<String, Long> each(DeviceValue value) {
        Map<String, Long> all = new TreeMap<>();
        activeDevices().forEach((id, seq) -> value.of(id, seq).ifPresent(v -> all.put(id, v)));
        return all;
    }

    /** Registered devices that are not revoked, with their highest seq (one query, no keys). */
    private Map<String, Long> activeDevices() {
        Map<String, Long> devices = store.db().read(c -> store.devices().activeLastSeqs(c));
        calibrations.keySet().retainAll(devices.keySet());
        return devices;
    }

    @FunctionalInterface
    private interface DeviceValue {
        Optional<Long> of(String deviceId, long lastSeq);
    }
}

package org.carbonkiosk.collector;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
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
 * one query without the keys (one per gauge), and the latest deposit's calibration date comes
 * from what this collector decided ({@link DeviceLiveState}), so a scrape costs four queries
 * (after a restart, the first scrapes also read each kiosk's latest deposit once). With several
 * collectors each knows the deposits it decided: the alert rule takes the latest over them.
 */
final class DeviceMetrics {
    private final Store store;
    private final DeviceLiveState live;
    private final ConsoleQueries queries;
    private final Duration calibrationMaxAge;

    DeviceMetrics(Store store, DeviceLiveState live, Duration calibrationMaxAge) {
        this.store = store;
        this.live = live;
        this.queries = new ConsoleQueries(store.events());
        this.calibrationMaxAge = calibrationMaxAge;
    }

    void register(Metrics metrics) {
        metrics.deviceGauge("kiosk_device_last_seen_timestamp_seconds",
                "Unix time of the device's last message (status, telemetry or event) this collector received.",
                () -> each(id -> live.of(id).lastSeen().map(t -> t.getEpochSecond())));
        metrics.deviceGauge("kiosk_device_bin_fill_percent", "The bin fill of the device's latest telemetry.",
                () -> each(id -> live.of(id).binFillPercent().map(Integer::longValue)));
        metrics.deviceGauge("kiosk_device_calibration_expiry_timestamp_seconds",
                "Unix time when the scale's calibration expires: the latest deposit's calibratedAt plus"
                        + " rule.calibrationMaxAge.", () -> each(this::calibrationExpiry));
        metrics.deviceGauge("kiosk_mass_balance_out_of_tolerance",
                "1 while the kiosk's latest mass-balance period is out of tolerance, else 0.",
                () -> store.db().read(c -> store.integrity().balances(c)));
    }

    /**
     * From the latest deposit this collector decided; for a device it has not seen deposit yet, the
     * latest in the database, read once (after a restart, about one query per kiosk over the first scrapes).
     */
    private Optional<Long> calibrationExpiry(String deviceId) {
        return live.latestDeposit(deviceId, () -> DeviceLiveState.LatestDeposit.of(store.db().read(c ->
                        queries.latestDeposit(c, deviceId)).map(StoredEvent::event)
                        .filter(DepositEvent.class::isInstance).map(DepositEvent.class::cast)))
                .calibratedAt().map(at -> at.toInstant().plus(calibrationMaxAge).getEpochSecond());
    }

    /** The value of each registered, not revoked device that has one. */
    private Map<String, Long> each(Function<String, Optional<Long>> value) {
        Map<String, Long> all = new TreeMap<>();
        for (String id : store.db().read(c -> store.devices().activeDeviceIds(c))) {
            value.apply(id).ifPresent(v -> all.put(id, v));
        }
        return all;
    }
}

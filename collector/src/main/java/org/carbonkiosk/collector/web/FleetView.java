package org.carbonkiosk.collector.web;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.store.ConsoleQueries;
import org.carbonkiosk.collector.store.DeviceRecord;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoreException;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.jws.CompactJws;

/** The fleet as the console shows it: one row per kiosk from the registry, live state and last deposit. */
final class FleetView {
    /**
     * One kiosk. {@code calibratedAt} comes from the kiosk's latest deposit (the only place a
     * kiosk reports it); empty when it has sent no deposit yet or none with a calibration date.
     */
    record Kiosk(DeviceRecord device, LiveCopy live, List<Long> missingSeqs, Optional<OffsetDateTime> calibratedAt,
                 boolean anyDeposit) {
        /** Days until the calibration is older than the configured maximum; empty when unknown. */
        Optional<Long> calibrationDaysLeft(Instant now, Duration maxAge) {
            return calibratedAt.map(c -> Duration.between(now, c.toInstant().plus(maxAge)).toDays());
        }

        Optional<Long> calibrationAgeDays(Instant now) {
            return calibratedAt.map(c -> Duration.between(c.toInstant(), now).toDays());
        }
    }

    /** The live part, copied so a row does not change while a page is drawn. */
    record LiveCopy(boolean online, Optional<String> agent, Optional<Instant> lastSeen,
                            Optional<Integer> binFillPercent, Optional<Long> outboxDepth) {
    }

    private final Store store;
    private final ConsoleQueries queries;
    private final DeviceLiveState live;

    FleetView(Store store, ConsoleQueries queries, DeviceLiveState live) {
        this.store = store;
        this.queries = queries;
        this.live = live;
    }

    List<Kiosk> all() {
        return store.db().read(c -> {
            // a few queries for the whole fleet (10,000 kiosks), not some per kiosk
            Map<String, List<Long>> missing = store.devices().allMissingSeqs(c);
            List<Kiosk> rows = new ArrayList<>();
            for (DeviceRecord d : store.devices().list(c)) {
                rows.add(row(d, missing.getOrDefault(d.deviceId(), List.of()), latestDeposit(c, d.deviceId())));
            }
            return rows;
        });
    }

    Optional<Kiosk> one(String deviceId) {
        return store.db().read(c -> {
            Optional<DeviceRecord> d = store.devices().find(c, deviceId);
            if (d.isEmpty()) {
                return Optional.<Kiosk>empty();
            }
            // one kiosk's page reads its latest deposit from the database: exact with several collectors too
            return Optional.of(row(d.get(), store.devices().missingSeqs(c, deviceId),
                    DeviceLiveState.LatestDeposit.of(queries.latestDeposit(c, deviceId).flatMap(FleetView::deposit))));
        });
    }

    /**
     * The latest deposit this collector decided, or (once per kiosk) the latest in the database: the
     * fleet's table costs no query per kiosk for it. With several collectors, a kiosk recalibrated
     * shows its new date here once this collector has decided one of its deposits.
     */
    private DeviceLiveState.LatestDeposit latestDeposit(Connection c, String deviceId) {
        return live.latestDeposit(deviceId, () -> DeviceLiveState.LatestDeposit.of(read(() ->
                queries.latestDeposit(c, deviceId)).flatMap(FleetView::deposit)));
    }

    private Kiosk row(DeviceRecord d, List<Long> missing, DeviceLiveState.LatestDeposit lastDeposit) {
        DeviceLiveState.Live l = live.of(d.deviceId());
        LiveCopy copy = new LiveCopy(l.online(), l.agent(), l.lastSeen(), l.binFillPercent(),
                l.outboxDepth());
        return new Kiosk(d, copy, missing, lastDeposit.calibratedAt(), lastDeposit.any());
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T read(Query<T> q) {
        try {
            return q.run();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /** The deposit inside a stored event's JWS (verified when it was received). */
    static Optional<DepositEvent> deposit(StoredEvent e) {
        if (!"deposit".equals(e.type())) {
            return Optional.empty();
        }
        var jws = CompactJws.parse(e.jws().getBytes(StandardCharsets.US_ASCII), Integer.MAX_VALUE);
        if (!(jws instanceof DecodeResult.Ok<CompactJws> ok)) {
            return Optional.empty();
        }
        var event = EventCodec.decode(ok.value().payload());
        return event instanceof DecodeResult.Ok<KioskEvent> d && d.value() instanceof DepositEvent deposit
                ? Optional.of(deposit) : Optional.empty();
    }
}

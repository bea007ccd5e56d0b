package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.decide.HeldEvents;
import org.carbonkiosk.collector.decide.KioskBalance;
import org.carbonkiosk.collector.integrity.BalancePeriod;
import org.carbonkiosk.collector.integrity.Emptying;
import org.carbonkiosk.collector.integrity.IntegrityLimits;
import org.carbonkiosk.collector.integrity.KioskFlag;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.collector.integrity.MassBalance;
import org.carbonkiosk.collector.pipeline.AfterCommit;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.collector.store.jdbc.JdbcDecisionStore;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.tinylog.Logger;

/**
 * A kiosk under review and its mass balance (PROTOCOL.md v1.1): flag and clear (clearing releases
 * its {@code kiosk-flagged} deposits), the hauler's pickups, the mass balance per emptying period.
 */
public final class IntegrityRoutes {
    private static final String ID = "/api/devices/([^/]+)";
    /** The mass balance shows at most this many of the latest periods. */
    static final int MAX_PERIODS = 100;
    private final Store store;
    private final HeldEvents held;
    private final AfterCommit after;
    private final IntegrityLimits limits;
    private final Clock clock;

    public IntegrityRoutes(Store store, HeldEvents held, AfterCommit after, IntegrityLimits limits, Clock clock) {
        this.store = store;
        this.held = held;
        this.after = after;
        this.limits = limits;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.write("POST", ID + "/flag", this::flag),
                Route.write("POST", ID + "/clear-flag", this::clear),
                Route.write("POST", ID + "/pickups", this::pickup),
                Route.get(ID + "/mass-balance", r -> Response.ok(massBalance(r.param(0)))));
    }

    private Response flag(Request r) {
        String deviceId = r.param(0);
        String reason;
        try {
            reason = r.json().onlyMembers(Set.of("reason")).string("reason").strip();
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (reason.isEmpty() || reason.length() > 500) {
            throw HttpError.badRequest("reason must be 1 to 500 characters");
        }
        KioskFlag flag = new KioskFlag(reason, r.caller().name(), clock.instant().toString());
        store.db().write(c -> {
            requireDevice(c, deviceId);
            new JdbcDecisionStore(store, c).flagKiosk(deviceId, Optional.of(flag));
            return null;
        });
        Logger.info("deviceId={} flagged for review by {}", deviceId, flag.by());
        return Response.ok(state(deviceId));
    }

    private Response clear(Request r) {
        String deviceId = r.param(0);
        List<StoredEvent> released = store.db().write(c -> {
            requireDevice(c, deviceId);
            DecisionStore ds = new JdbcDecisionStore(store, c);
            ds.flagKiosk(deviceId, Optional.empty());
            return held.kioskCleared(ds, deviceId, clock.instant());
        });
        Logger.info("deviceId={} flag cleared by {}; {} held deposits decided again", deviceId, r.caller().name(),
                released.size());
        after.redecided(released);
        ObjectNode o = state(deviceId);
        ArrayNode list = o.putArray("released");
        released.forEach(e -> list.add(QueryRoutes.brief(e)));
        return Response.ok(o);
    }

    private Response pickup(Request r) {
        String deviceId = r.param(0);
        int grams;
        Instant collectedAt;
        String by;
        try {
            JsonObject body = r.json().onlyMembers(Set.of("collectedGrams", "collectedAt", "by"));
            grams = body.intValue("collectedGrams", 0, 10_000_000);
            String at = body.string("collectedAt");
            collectedAt = Timestamps.parse(at).orElseThrow(() ->
                    HttpError.badRequest("collectedAt must be an RFC 3339 date-time with offset")).toInstant();
            by = body.string("by").strip();
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (by.isEmpty() || by.length() > 200) {
            throw HttpError.badRequest("by must be 1 to 200 characters");
        }
        String now = clock.instant().toString();
        long id = store.db().write(c -> {
            requireDevice(c, deviceId);
            long added = store.integrity().addPickup(c, deviceId, grams, collectedAt, by, now, r.caller().name());
            DecisionStore ds = new JdbcDecisionStore(store, c);
            List<BalancePeriod> periods = periods(ds, deviceId);
            if (!periods.isEmpty()) {
                KioskBalance.judge(ds, deviceId, periods.get(periods.size() - 1), ds.kiosk(deviceId), now, limits);
            }
            return added;
        });
        Logger.info("deviceId={} pickup {} recorded: {} g by the hauler's scale", deviceId, id, grams);
        ObjectNode o = StrictJson.newObject();
        o.put("id", id);
        o.put("deviceId", deviceId);
        o.put("collectedGrams", grams);
        o.put("collectedAt", collectedAt.toString());
        o.put("by", by);
        return Response.json(201, o);
    }

    /** The latest {@value #MAX_PERIODS} periods of the kiosk's mass balance, oldest first. */
    private List<BalancePeriod> periods(DecisionStore ds, String deviceId) {
        List<Emptying> all = ds.emptyings(deviceId);
        int first = Math.max(0, all.size() - MAX_PERIODS);
        Optional<Emptying> before = first == 0 ? Optional.empty() : Optional.of(all.get(first - 1));
        return MassBalance.periods(before, ds.depositWeights(deviceId, before.map(Emptying::seq).orElse(0L),
                Long.MAX_VALUE), all.subList(first, all.size()), ds.pickups(deviceId), limits.massBalanceTolerance());
    }

    private ObjectNode massBalance(String deviceId) {
        return store.db().read(c -> {
            requireDevice(c, deviceId);
            List<BalancePeriod> periods = periods(new JdbcDecisionStore(store, c), deviceId);
            ObjectNode o = StrictJson.newObject();
            o.put("deviceId", deviceId);
            o.put("tolerancePercent", limits.massBalanceTolerance().percent());
            o.put("toleranceFloorGrams", limits.massBalanceTolerance().floorGrams());
            ArrayNode list = o.putArray("periods");
            for (BalancePeriod p : periods) {
                list.add(json(p));
            }
            return o;
        });
    }

    static ObjectNode json(BalancePeriod p) {
        ObjectNode o = StrictJson.newObject();
        p.fromSeq().ifPresentOrElse(s -> o.put("afterSeq", s), () -> o.putNull("afterSeq"));
        o.put("emptiedEventId", p.emptying().eventId());
        o.put("emptiedAt", p.emptiedAt().toString());
        o.put("deposits", p.deposits());
        o.put("reportedNetGrams", p.reportedNetGrams());
        o.put("removedGrams", p.removedGrams());
        o.put("binGramsAfter", p.emptying().binGramsAfter());
        p.haulerGrams().ifPresentOrElse(h -> o.put("haulerGrams", h), () -> o.putNull("haulerGrams"));
        o.put("kioskAgrees", p.kioskAgrees());
        p.haulerAgrees().ifPresentOrElse(h -> o.put("haulerAgrees", h), () -> o.putNull("haulerAgrees"));
        o.put("withinTolerance", p.withinTolerance());
        return o;
    }

    private ObjectNode state(String deviceId) {
        KioskState k = store.db().read(c -> store.integrity().kiosk(c, deviceId));
        ObjectNode o = StrictJson.newObject();
        o.put("deviceId", deviceId);
        DeviceRoutes.putIntegrity(o, k);
        return o;
    }

    private void requireDevice(Connection c, String deviceId) throws SQLException {
        if (store.devices().find(c, deviceId).isEmpty()) {
            throw HttpError.notFound("device");
        }
    }
}

package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.credit.MonthTotals;
import org.carbonkiosk.collector.credit.RuleVersions;
import org.carbonkiosk.collector.integrity.Signal;
import org.carbonkiosk.collector.store.LedgerOutboxStore;
import org.carbonkiosk.collector.store.RejectionStore;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.protocol.json.StrictJson;

/** Read endpoints: an event's decision, an account's month, recent rejections. */
public final class QueryRoutes {
    private final Store store;
    private final RuleVersions rules;

    public QueryRoutes(Store store, RuleVersions rules) {
        this.store = store;
        this.rules = rules;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/events/([^/]+)", r -> Response.ok(event(r.param(0)))),
                Route.get("/api/accounts/([^/]+)/months/([^/]+)", r -> Response.ok(month(r.param(0), r.param(1)))),
                Route.get("/api/rejections", r -> Response.ok(rejections(r))));
    }

    private ObjectNode event(String eventId) {
        return store.db().read(c -> {
            Optional<StoredEvent> e = store.events().find(c, eventId);
            if (e.isPresent()) {
                ObjectNode o = brief(e.get());
                o.put("forwarded", store.outbox().stateOf(c, eventId).filter(LedgerOutboxStore.FORWARDED::equals)
                        .isPresent());
                o.put("deviceId", e.get().deviceId());
                o.put("type", e.get().type());
                e.get().account().ifPresentOrElse(a -> o.put("account", a), () -> o.putNull("account"));
                e.get().month().ifPresentOrElse(m -> o.put("month", m), () -> o.putNull("month"));
                e.get().netGrams().ifPresentOrElse(n -> o.put("netGrams", n), () -> o.putNull("netGrams"));
                o.put("ruleVersion", e.get().ruleVersion());
                o.put("occurredAt", e.get().occurredAt());
                o.put("receivedAt", e.get().receivedAt());
                o.put("decidedAt", e.get().decidedAt());
                ArrayNode signals = o.putArray("signals");
                for (Signal sig : store.integrity().signals(c, eventId)) {
                    ObjectNode so = signals.addObject();
                    so.put("reason", sig.reason().wire());
                    so.set("evidence", evidence(sig));
                }
                return o;
            }
            Optional<RejectionStore.Rejection> rej = store.rejections().latestFor(c, eventId);
            if (rej.isEmpty()) {
                throw HttpError.notFound("event " + eventId);
            }
            ObjectNode o = StrictJson.newObject();
            o.put("eventId", eventId);
            o.put("status", "rejected");
            o.put("reason", rej.get().reason().wire());
            o.put("creditedGrams", 0);
            o.put("forwarded", false);
            o.put("detail", rej.get().detail());
            o.put("receivedAt", rej.get().receivedAt());
            return o;
        });
    }

    /** A signal's evidence, a JSON object the collector wrote itself. */
    static JsonNode evidence(Signal s) {
        try {
            return StrictJson.mapper().readTree(s.evidence());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence is not JSON", e);
        }
    }

    /** eventId, status, reason, creditedGrams. */
    static ObjectNode brief(StoredEvent e) {
        ObjectNode o = StrictJson.newObject();
        o.put("eventId", e.eventId());
        o.put("status", e.status().wire());
        e.reason().ifPresentOrElse(r -> o.put("reason", r.wire()), () -> o.putNull("reason"));
        o.put("creditedGrams", e.creditedGrams());
        return o;
    }

    private ObjectNode month(String account, String monthText) {
        YearMonth month;
        try {
            month = YearMonth.parse(monthText);
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest("month must be yyyy-MM");
        }
        MonthTotals totals = store.db().read(c -> store.months().find(c, account, month.toString()))
                .orElse(MonthTotals.EMPTY);
        ObjectNode o = StrictJson.newObject();
        o.put("account", account);
        o.put("month", month.toString());
        o.put("creditedGrams", totals.creditedGrams());
        o.put("capGrams", rules.at(month.atDay(1).atStartOfDay(Timestamps.SHANGHAI).toInstant()).monthlyCapGrams());
        o.put("deposits", totals.deposits());
        o.put("countedDeposits", totals.countedDeposits());
        return o;
    }

    private ArrayNode rejections(Request r) {
        int limit;
        try {
            limit = Math.max(1, Math.min(1000, Integer.parseInt(r.query().getOrDefault("limit", "100"))));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("limit must be an integer");
        }
        ArrayNode all = StrictJson.mapper().createArrayNode();
        for (RejectionStore.Rejection x : store.db().read(c -> store.rejections().recent(c, limit))) {
            ObjectNode o = all.addObject();
            o.put("id", x.id());
            o.put("topic", x.topic());
            o.put("receivedAt", x.receivedAt());
            o.put("reason", x.reason().wire());
            o.put("detail", x.detail());
            x.eventId().ifPresentOrElse(e -> o.put("eventId", e), () -> o.putNull("eventId"));
            o.put("rawSize", x.rawSize());
            o.put("rawSha256", x.rawSha256());
        }
        return all;
    }
}

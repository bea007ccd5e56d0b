package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.carbonkiosk.collector.ledger.LedgerForwarder;
import org.carbonkiosk.collector.metrics.Metrics;
import org.carbonkiosk.collector.store.LedgerOutboxStore;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.json.StrictJson;
import org.tinylog.Logger;

/** Health, metrics, and the ledger's dead letters with operator retry. */
public final class OpsRoutes {
    private final Store store;
    private final Metrics metrics;
    private final BooleanSupplier brokerUp;
    private final boolean ledgerConfigured;
    private final LedgerForwarder forwarder;
    private final ApiTokens tokens;
    private final boolean metricsOpen;

    /**
     * @param forwarder   null when no ledger URL is configured (forwarding paused)
     * @param metricsOpen {@code /metrics} without a token
     */
    public OpsRoutes(Store store, Metrics metrics, BooleanSupplier brokerUp, LedgerForwarder forwarder,
                     ApiTokens tokens, boolean metricsOpen) {
        this.store = store;
        this.tokens = tokens;
        this.metricsOpen = metricsOpen;
        this.metrics = metrics;
        this.brokerUp = brokerUp;
        this.ledgerConfigured = forwarder != null;
        this.forwarder = forwarder;
    }

    public List<Route> routes() {
        return List.of(
                Route.open("/health", this::health),
                metricsOpen ? Route.open("/metrics", r -> metrics())
                        : Route.get("/metrics", r -> metrics()),
                Route.get("/api/ledger/dead-letters", r -> Response.ok(deadLetters())),
                Route.write("POST", "/api/ledger/dead-letters/([^/]+)/retry", this::retry));
    }

    private Response metrics() {
        return Response.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }

    /** Up or down for anyone; the details (store, broker, ledger backlog) only with a valid token. */
    private Response health(Request r) {
        boolean storeUp = store.db().isUp();
        boolean broker = brokerUp.getAsBoolean();
        ObjectNode o = StrictJson.newObject();
        o.put("status", storeUp && broker ? "up" : "down");
        if (!storeUp || tokens.authenticate(r.header("Authorization").orElse(null)).isEmpty()) {
            return Response.json(storeUp && broker ? 200 : 503, o);
        }
        o.put("store", storeUp ? "up" : "down");
        o.put("broker", broker ? "up" : "down");
        ObjectNode ledger = o.putObject("ledger");
        ledger.put("forwarding", ledgerConfigured ? "active" : "paused");
        if (storeUp) {
            LedgerOutboxStore.Backlog b = store.db().read(c -> store.outbox().backlog(c));
            ledger.put("pending", b.pending());
            ledger.put("deadLetters", b.dead());
            ledger.put("forwarded", b.forwarded());
        }
        return Response.json(storeUp && broker ? 200 : 503, o);
    }

    private ArrayNode deadLetters() {
        ArrayNode all = StrictJson.mapper().createArrayNode();
        for (LedgerOutboxStore.OutboxRow row : store.db().read(c -> store.outbox().deadLetters(c, 1000))) {
            ObjectNode o = all.addObject();
            o.put("creditId", row.creditId());
            o.put("account", row.account());
            o.put("attempts", row.attempts());
            row.lastError().ifPresentOrElse(e -> o.put("lastError", e), () -> o.putNull("lastError"));
        }
        return all;
    }

    private Response retry(Request r) {
        String creditId = r.param(0);
        boolean found = store.db().write(c -> store.outbox().retryDead(c, creditId, System.currentTimeMillis()));
        if (!found) {
            throw HttpError.notFound("dead letter " + creditId);
        }
        Logger.info("eventId={} dead letter queued again by an operator", creditId);
        if (forwarder != null) {
            forwarder.nudge();
        }
        ObjectNode o = StrictJson.newObject();
        o.put("creditId", creditId);
        o.put("state", LedgerOutboxStore.PENDING);
        return Response.ok(o);
    }
}

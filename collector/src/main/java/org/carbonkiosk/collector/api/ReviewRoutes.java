package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.time.Clock;
import org.carbonkiosk.collector.decide.DecisionStore;
import org.carbonkiosk.collector.decide.HeldEvents;
import org.carbonkiosk.collector.pipeline.AfterCommit;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;

/** {@code POST /api/events/{eventId}/review} {@code {"approve":bool}}: operator review of a held deposit. */
public final class ReviewRoutes {
    private final Store store;
    private final DecisionStore.Transactions transactions;
    private final HeldEvents held;
    private final AfterCommit after;
    private final Clock clock;

    public ReviewRoutes(Store store, DecisionStore.Transactions transactions, HeldEvents held, AfterCommit after,
                        Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.held = held;
        this.after = after;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.write("POST", "/api/events/([^/]+)/review", this::review));
    }

    private Response review(Request r) {
        String eventId = r.param(0);
        boolean approve;
        try {
            JsonObject body = r.body().length == 0 ? null : r.json().onlyMembers(Set.of("approve"));
            approve = body != null && body.has("approve") && body.bool("approve");
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        StoredEvent before = store.db().read(c -> store.events().find(c, eventId))
                .orElseThrow(() -> HttpError.notFound("event " + eventId));
        if (before.status() != org.carbonkiosk.protocol.message.DecisionStatus.HELD) {
            throw HttpError.conflict("not-held", "event " + eventId + " is " + before.status().wire());
        }
        StoredEvent decided = transactions.inTransaction(s -> held.reviewed(s, eventId, approve, clock.instant()))
                .orElseThrow();
        if (!decided.equals(before)) {
            after.redecided(List.of(decided));
        }
        ObjectNode o = QueryRoutes.brief(decided);
        o.put("approved", approve);
        return Response.ok(o);
    }
}

package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.carbonkiosk.collector.decide.HeldReview;
import org.carbonkiosk.collector.ingest.ReceiptPublisher;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;

/** {@code POST /api/events/{eventId}/review} {@code {"approve":bool}}: operator review of a held deposit. */
public final class ReviewRoutes {
    private final Store store;
    private final HeldReview review;
    private final ReceiptPublisher receipts;

    public ReviewRoutes(Store store, HeldReview review, ReceiptPublisher receipts) {
        this.store = store;
        this.review = review;
        this.receipts = receipts;
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
        StoredEvent after = store.db().write(c -> review.review(c, eventId, approve)).orElseThrow();
        if (!after.equals(before)) {
            receipts.publish(after.deviceId(), after.receipt(false));
        }
        ObjectNode o = QueryRoutes.brief(after);
        o.put("approved", approve);
        return Response.ok(o);
    }
}

package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.collector.decide.HeldEvents;
import org.carbonkiosk.collector.pipeline.AfterCommit;
import org.carbonkiosk.collector.store.ReviewStore;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.collector.store.jdbc.JdbcDecisionStore;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;

/**
 * {@code POST /api/events/{eventId}/review} {@code {"approve":bool,"reject":bool,"note":"..."}}:
 * operator review of a held event. {@code approve} waives the plausibility, calibration, clock and
 * late-arrival holds; {@code reject} rejects it (0 g, the hold's reason kept); neither decides it
 * again now. Each review is recorded with the reviewer's token name and the note, and listed by
 * {@code GET /api/events/{eventId}/reviews}.
 */
public final class ReviewRoutes {
    private static final String EVENT = "/api/events/([^/]+)";
    private final Store store;
    private final HeldEvents held;
    private final AfterCommit after;
    private final ReviewStore reviews = new ReviewStore();
    private final Clock clock;

    public ReviewRoutes(Store store, HeldEvents held, AfterCommit after, Clock clock) {
        this.store = store;
        this.held = held;
        this.after = after;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.write("POST", EVENT + "/review", this::review),
                Route.get(EVENT + "/reviews", r -> Response.ok(list(r.param(0)))));
    }

    private Response review(Request r) {
        String eventId = r.param(0);
        boolean approve;
        boolean reject;
        Optional<String> note;
        try {
            JsonObject body = r.body().length == 0 ? null : r.json().onlyMembers(Set.of("approve", "reject", "note"));
            approve = body != null && body.has("approve") && body.bool("approve");
            reject = body != null && body.has("reject") && body.bool("reject");
            note = body == null ? Optional.empty() : body.optionalString("note").map(String::strip)
                    .filter(n -> !n.isEmpty());
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (approve && reject) {
            throw HttpError.badRequest("approve and reject exclude each other");
        }
        if (note.isPresent() && note.get().length() > 1000) {
            throw HttpError.badRequest("note must be at most 1000 characters");
        }
        StoredEvent before = store.db().read(c -> store.events().find(c, eventId))
                .orElseThrow(() -> HttpError.notFound("event " + eventId));
        if (before.status() != DecisionStatus.HELD) {
            throw HttpError.conflict("not-held", "event " + eventId + " is " + before.status().wire());
        }
        String action = approve ? "approve" : reject ? "reject" : "redecide";
        HeldEvents.Review review = approve ? HeldEvents.Review.APPROVE
                : reject ? HeldEvents.Review.REJECT : HeldEvents.Review.DECIDE_AGAIN;
        String reviewer = r.caller().name();
        StoredEvent decided = store.db().write(c -> {
            StoredEvent d = held.reviewed(new JdbcDecisionStore(store, c), eventId, review, clock.instant())
                    .orElseThrow();
            reviews.append(c, new ReviewStore.Review(eventId, clock.instant().toString(), reviewer, action, note,
                    d.status().wire(), d.reason().map(Reason::wire)));
            return d;
        });
        if (!decided.equals(before)) {
            after.redecided(List.of(decided));
        }
        ObjectNode o = QueryRoutes.brief(decided);
        o.put("approved", approve);
        o.put("action", action);
        o.put("reviewedBy", reviewer);
        return Response.ok(o);
    }

    private ArrayNode list(String eventId) {
        ArrayNode all = StrictJson.mapper().createArrayNode();
        for (ReviewStore.Review x : store.db().read(c -> reviews.forEvent(c, eventId))) {
            ObjectNode o = all.addObject();
            o.put("at", x.at());
            o.put("reviewer", x.reviewer());
            o.put("action", x.action());
            x.note().ifPresentOrElse(n -> o.put("note", n), () -> o.putNull("note"));
            o.put("status", x.resultStatus());
            x.resultReason().ifPresentOrElse(n -> o.put("reason", n), () -> o.putNull("reason"));
        }
        return all;
    }
}

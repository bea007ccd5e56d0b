package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.carbonkiosk.collector.decide.HeldEvents;
import org.carbonkiosk.collector.pipeline.AfterCommit;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.collector.store.jdbc.JdbcDecisionStore;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.tinylog.Logger;

/** Card binding (which releases the card's held events) and the block list. */
public final class CardRoutes {
    private static final String CARD = "/api/cards/([^/]+)";
    private final Store store;
    private final HeldEvents held;
    private final AfterCommit after;
    private final Clock clock;

    public CardRoutes(Store store, HeldEvents held, AfterCommit after, Clock clock) {
        this.store = store;
        this.held = held;
        this.after = after;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.write("PUT", CARD, this::bind),
                Route.write("POST", CARD + "/block", this::block),
                Route.get(CARD, this::show));
    }

    private static String card(Request r) {
        String card = r.param(0);
        if (!DepositEvent.CARD_PATTERN.matcher(card).matches()) {
            throw HttpError.badRequest("card must be 64 lowercase hex characters (the card token)");
        }
        return card;
    }

    private Response bind(Request r) {
        String card = card(r);
        String account;
        try {
            JsonObject body = r.json().onlyMembers(Set.of("account"));
            account = body.string("account");
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (account.isBlank() || account.length() > 128) {
            throw HttpError.badRequest("account must be 1 to 128 characters");
        }
        String at = clock.instant().toString();
        List<StoredEvent> released = store.db().write(c -> {
            store.cards().bind(c, card, account, at);
            return held.cardBound(new JdbcDecisionStore(store, c), card, clock.instant());
        });
        Logger.info("card bound to an account; {} held events released", released.size());
        after.redecided(released);
        ObjectNode o = StrictJson.newObject();
        o.put("card", card);
        o.put("account", account);
        ArrayNode list = o.putArray("released");
        for (StoredEvent e : released) {
            list.add(QueryRoutes.brief(e));
        }
        return Response.ok(o);
    }

    private Response block(Request r) {
        String card = card(r);
        store.db().write(c -> {
            store.cards().block(c, card, clock.instant().toString());
            return null;
        });
        Logger.info("card blocked");
        return show(r);
    }

    private Response show(Request r) {
        String card = card(r);
        var record = store.db().read(c -> store.cards().find(c, card)).orElseThrow(() -> HttpError.notFound("card"));
        ObjectNode o = StrictJson.newObject();
        o.put("card", card);
        record.account().ifPresentOrElse(a -> o.put("account", a), () -> o.putNull("account"));
        o.put("blocked", record.blocked());
        return Response.ok(o);
    }
}

package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.carbonkiosk.collector.store.AuditStore;
import org.carbonkiosk.collector.store.TokenStore;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * Admin endpoints: {@code GET/POST /api/tokens}, {@code POST /api/tokens/{id}/revoke} and the
 * audit log {@code GET /api/audit}. A new token's value is in the creation answer only.
 */
public final class TokenRoutes {
    private final ApiTokens tokens;
    private final AuditLog audit;

    public TokenRoutes(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/tokens", Role.ADMIN, r -> Response.ok(list())),
                Route.admin("POST", "/api/tokens", this::create),
                Route.admin("POST", "/api/tokens/([^/]+)/revoke", this::revoke),
                Route.of("GET", "/api/audit", Role.ADMIN, this::auditLines));
    }

    private Response create(Request r) {
        String name;
        Role role;
        try {
            JsonObject body = r.json().onlyMembers(Set.of("name", "role"));
            name = body.string("name");
            role = Role.fromWire(body.string("role"))
                    .orElseThrow(() -> HttpError.badRequest("role must be viewer, operator or admin"));
        } catch (MalformedException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        ApiTokens.Created created = tokens.create(name, role, r.caller().name());
        ObjectNode o = json(created.row());
        o.put("token", created.token());
        return Response.json(201, o);
    }

    private Response revoke(Request r) {
        long id;
        try {
            id = Long.parseLong(r.param(0));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("token id must be a number");
        }
        if (!tokens.revoke(id)) {
            throw HttpError.notFound("active token " + id);
        }
        ObjectNode o = StrictJson.newObject();
        o.put("id", id);
        o.put("revoked", true);
        return Response.ok(o);
    }

    private ArrayNode list() {
        ArrayNode all = StrictJson.mapper().createArrayNode();
        tokens.list().forEach(t -> all.add(json(t)));
        return all;
    }

    static ObjectNode json(TokenStore.TokenRow t) {
        ObjectNode o = StrictJson.newObject();
        o.put("id", t.id());
        o.put("name", t.name());
        o.put("role", t.role());
        o.put("createdAt", t.createdAt());
        o.put("createdBy", t.createdBy());
        t.revokedAt().ifPresentOrElse(v -> o.put("revokedAt", v), () -> o.putNull("revokedAt"));
        return o;
    }

    private Response auditLines(Request r) {
        ArrayNode all = StrictJson.mapper().createArrayNode();
        for (AuditStore.AuditLine l : audit.recent(500)) {
            ObjectNode o = all.addObject();
            o.put("at", l.at());
            o.put("who", l.who());
            o.put("role", l.role());
            o.put("action", l.action());
            if (l.target() == null) {
                o.putNull("target");
            } else {
                o.put("target", l.target());
            }
            o.put("status", l.status());
            o.put("outcome", l.outcome());
        }
        return Response.ok(all);
    }
}

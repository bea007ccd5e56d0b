package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.carbonkiosk.collector.store.StoreException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.tinylog.Logger;

/**
 * The API's routing: finds the route, authenticates the bearer token (401), checks the role
 * (403), runs the handler, turns failures into JSON errors and writes the audit line of every
 * write by a known caller.
 */
public final class Router {
    private final List<Route> routes;
    private final ApiTokens tokens;
    private final AuditLog audit;

    public Router(List<Route> routes, ApiTokens tokens, AuditLog audit) {
        this.routes = List.copyOf(routes);
        this.tokens = tokens;
        this.audit = audit;
    }

    /** True when this router answers {@code path} (the rest goes to the console). */
    public static boolean serves(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/health") || path.equals("/metrics");
    }

    /** Answers a request that carries its own {@code Authorization} header. */
    public Response handle(Request request) {
        return dispatch(request, Optional.empty());
    }

    /** Answers a request made on behalf of {@code caller} (the console's signed-in operator). */
    public Response handleAs(Request request, Caller caller) {
        return dispatch(request, Optional.of(caller));
    }

    private Response dispatch(Request request, Optional<Caller> known) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(request.path());
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(request.method())) {
                continue;
            }
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                params.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
            }
            return run(route, request, params, known);
        }
        if (pathKnown) {
            return error(405, "method-not-allowed", request.method() + " is not allowed on " + request.path());
        }
        return error(404, "not-found", "no such endpoint: " + request.path());
    }

    private Response run(Route route, Request request, List<String> params, Optional<Caller> known) {
        Caller caller = null;
        if (route.role() != null) {
            Optional<Caller> found = known.isPresent() ? known
                    : tokens.authenticate(request.header("Authorization").orElse(null));
            if (found.isEmpty()) {
                return error(401, "unauthorized", "this endpoint needs Authorization: Bearer <token>");
            }
            caller = found.get();
            if (!caller.role().grants(route.role())) {
                Response refused = error(403, "forbidden", "this endpoint needs the " + route.role().wire()
                        + " role; the token has " + caller.role().wire());
                auditIfWrite(route, caller, params, refused);
                return refused;
            }
        }
        Response response = safely(route, request.routed(params, caller));
        auditIfWrite(route, caller, params, response);
        return response;
    }

    private void auditIfWrite(Route route, Caller caller, List<String> params, Response response) {
        if (route.isWrite() && caller != null) {
            audit.record(caller, route, params, response);
        }
    }

    private static Response safely(Route route, Request request) {
        try {
            return route.handler().handle(request);
        } catch (HttpError e) {
            return error(e.status(), e.code(), e.getMessage());
        } catch (StoreException e) {
            Logger.warn("API: store unavailable: {}", e.getMessage());
            return error(503, "store-unavailable", "the store is not available; try again");
        } catch (RuntimeException e) {
            Logger.error(e, "API: unexpected failure on {}", route.template());
            return error(500, "internal", "internal error");
        }
    }

    public static Response error(int status, String code, String message) {
        ObjectNode o = StrictJson.newObject();
        o.put("error", code);
        o.put("message", message);
        return Response.json(status, o);
    }
}

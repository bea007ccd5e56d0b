package org.carbonkiosk.collector.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import org.carbonkiosk.collector.store.StoreException;
import org.carbonkiosk.protocol.json.StrictJson;
import org.tinylog.Logger;

/** The HTTP API server (JDK httpserver): routing, the admin token for writes, JSON errors. */
public final class HttpApi implements AutoCloseable {
    private static final int MAX_BODY = 64 * 1024;
    private final List<Route> routes;
    private final AdminToken token;
    private final HttpServer server;
    private final ExecutorService executor;

    public HttpApi(String bind, int port, AdminToken token, List<Route> routes) throws IOException {
        this.routes = List.copyOf(routes);
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = dispatch(exchange);
        } catch (HttpError e) {
            response = error(e.status(), e.code(), e.getMessage());
        } catch (StoreException e) {
            Logger.warn("API: store unavailable: {}", e.getMessage());
            response = error(503, "store-unavailable", "the store is not available; try again");
        } catch (RuntimeException e) {
            Logger.error(e, "API: unexpected failure on {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath());
            response = error(500, "internal", "internal error");
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private Response dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(method)) {
                continue;
            }
            if (route.admin() && !token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                return error(401, "unauthorized", "this endpoint needs Authorization: Bearer <admin token>");
            }
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                params.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
            }
            return route.handler().handle(new Request(method, path, params,
                    query(exchange.getRequestURI().getRawQuery()), body(exchange)));
        }
        if (pathKnown) {
            return error(405, "method-not-allowed", method + " is not allowed on " + path);
        }
        return error(404, "not-found", "no such endpoint: " + path);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new HttpError(413, "too-large", "request body over " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    static Response error(int status, String code, String message) {
        ObjectNode o = StrictJson.newObject();
        o.put("error", code);
        o.put("message", message);
        return Response.json(status, o);
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}

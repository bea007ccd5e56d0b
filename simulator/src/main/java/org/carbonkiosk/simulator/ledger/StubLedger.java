package org.carbonkiosk.simulator.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.simulator.AccountMonth;
import org.tinylog.Logger;

/**
 * The ledger side of PROTOCOL.md section 7 as a real HTTP server (JDK HttpServer on
 * 127.0.0.1): {@code POST /v1/credits} stores a credit per account and month, deduplicating on
 * {@code creditId}. A resend with the same body gets the original answer; a different body
 * under a known creditId gets 409 and is recorded as a protocol violation (the collector must
 * never do that). Read endpoints: {@code GET /v1/credits/{creditId}},
 * {@code GET /v1/accounts/{account}/months/{yyyy-MM}}, {@code GET /v1/totals},
 * {@code GET /v1/violations}. With a token set, every request needs {@code Authorization: Bearer <token>}.
 */
public final class StubLedger implements AutoCloseable {
    private final Optional<String> token;
    private final LedgerFaults faults;
    private final Object lock = new Object();
    private final Map<String, Stored> credits = new TreeMap<>();
    private final Map<AccountMonth, Long> totals = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-ledger");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;
    private int port;
    private long requests;
    private long duplicates;
    private long conflicts;
    private long errorsInjected;
    private long timeoutsInjected;
    private long unauthorized;
    private long downPeriods;

    private record Stored(CreditRequest request, int status, byte[] answer) {
    }

    private StubLedger(Optional<String> token, LedgerFaults faults) {
        this.token = token;
        this.faults = faults;
    }

    /** Starts on {@code port} of 127.0.0.1 (0 = a free port). */
    public static StubLedger start(int port, Optional<String> token, long seed) {
        StubLedger ledger = new StubLedger(token.filter(t -> !t.isBlank()), new LedgerFaults(seed));
        ledger.bind(port);
        Logger.info("stub ledger listening on {}", ledger.url());
        return ledger;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the collector's ledger base URL. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public LedgerFaults faults() {
        return faults;
    }

    /** Stops listening: callers get connection refused until {@link #comeUp()}. Stored credits stay. */
    public void goDown() {
        synchronized (lock) {
            if (server == null) {
                return;
            }
            server.stop(0);
            server = null;
            downPeriods++;
        }
        Logger.info("stub ledger down");
    }

    /** Listens again on the same port. */
    public void comeUp() {
        synchronized (lock) {
            if (server != null) {
                return;
            }
        }
        bind(port);
        Logger.info("stub ledger up again on {}", url());
    }

    /** Every account's total per month. */
    public Map<AccountMonth, Long> totals() {
        synchronized (lock) {
            return new TreeMap<>(totals);
        }
    }

    public long total(String account, String month) {
        synchronized (lock) {
            return totals.getOrDefault(new AccountMonth(account, month), 0L);
        }
    }

    public Optional<CreditRequest> credit(String creditId) {
        synchronized (lock) {
            return Optional.ofNullable(credits.get(creditId)).map(Stored::request);
        }
    }

    public int creditCount() {
        synchronized (lock) {
            return credits.size();
        }
    }

    /** Protocol violations seen (409 on a different body, bad Idempotency-Key, undecodable body). */
    public List<String> violations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    public LedgerStats stats() {
        synchronized (lock) {
            return new LedgerStats(requests, credits.size(), duplicates, conflicts, errorsInjected, timeoutsInjected,
                    unauthorized, downPeriods);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        executor.shutdownNow();
    }

    private void bind(int wanted) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
            created.createContext("/", this::handle);
            created.setExecutor(executor);
            created.start();
            synchronized (lock) {
                server = created;
                port = created.getAddress().getPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stub ledger cannot listen on port " + wanted, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            sleep(faults.slowMillis());
            if (!authorized(exchange)) {
                synchronized (lock) {
                    unauthorized++;
                }
                send(exchange, 401, error("unauthorized", "missing or wrong bearer token"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("POST".equals(method) && "/v1/credits".equals(path)) {
                postCredit(exchange);
            } else if ("GET".equals(method)) {
                get(exchange, path);
            } else {
                send(exchange, 404, error("not-found", method + " " + path));
            }
        } catch (RuntimeException e) {
            Logger.error(e, "stub ledger failed on {}", exchange.getRequestURI());
            send(exchange, 500, error("internal", String.valueOf(e.getMessage())));
        }
    }

    private void postCredit(HttpExchange exchange) throws IOException {
        byte[] body = readAll(exchange.getRequestBody());
        synchronized (lock) {
            requests++;
        }
        if (faults.nextError()) {
            synchronized (lock) {
                errorsInjected++;
            }
            send(exchange, 500, error("injected-error", "the ledger is having a bad day"));
            return;
        }
        DecodeResult<CreditRequest> decoded = CreditRequest.decode(body);
        if (!decoded.isOk()) {
            violation("undecodable credit body: " + decoded);
            send(exchange, 400, error("bad-request", "not a credit request"));
            return;
        }
        CreditRequest request = decoded.value();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (!request.creditId().equals(key)) {
            violation("Idempotency-Key " + key + " does not match creditId " + request.creditId());
            send(exchange, 400, error("bad-idempotency-key", "Idempotency-Key must equal creditId"));
            return;
        }
        Stored answer;
        boolean fresh;
        synchronized (lock) {
            Stored known = credits.get(request.creditId());
            if (known != null && !known.request().equals(request)) {
                conflicts++;
                violation("creditId " + request.creditId() + " sent again with a different body");
                answer = new Stored(request, 409, error("conflict", "creditId already used with another body"));
                fresh = false;
            } else if (known != null) {
                duplicates++;
                answer = known;
                fresh = false;
            } else {
                answer = new Stored(request, 201, accepted(request));
                credits.put(request.creditId(), answer);
                totals.merge(new AccountMonth(request.account(), request.month()), (long) request.grams(), Long::sum);
                fresh = true;
            }
        }
        if (fresh) {
            Logger.debug("ledger stored {} {} g for {} in {}", request.creditId(), request.grams(),
                    request.account(), request.month());
        }
        if (fresh && faults.nextTimeoutAfterStore()) {
            synchronized (lock) {
                timeoutsInjected++;
            }
            sleep(faults.hangMillis());
            // A promised body that never comes: the caller cannot tell the credit was stored.
            exchange.sendResponseHeaders(200, 64);
            return;
        }
        send(exchange, answer.status(), answer.answer());
    }

    private void get(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        int status = 200;
        byte[] body;
        synchronized (lock) {
            if (path.equals("/v1/totals")) {
                ObjectNode o = StrictJson.newObject();
                ObjectNode byAccount = o.putObject("totals");
                totals.forEach((am, grams) -> {
                    ObjectNode months = byAccount.has(am.account())
                            ? (ObjectNode) byAccount.get(am.account()) : byAccount.putObject(am.account());
                    months.put(am.month(), grams);
                });
                o.put("credits", credits.size());
                body = StrictJson.write(o);
            } else if (path.equals("/v1/violations")) {
                ObjectNode o = StrictJson.newObject();
                violations.forEach(o.putArray("violations")::add);
                body = StrictJson.write(o);
            } else if (parts.length == 4 && parts[2].equals("credits") && credits.containsKey(parts[3])) {
                body = credits.get(parts[3]).request().encode();
            } else if (parts.length == 6 && parts[2].equals("accounts") && parts[4].equals("months")) {
                ObjectNode o = StrictJson.newObject();
                o.put("account", parts[3]);
                o.put("month", parts[5]);
                o.put("grams", totals.getOrDefault(new AccountMonth(parts[3], parts[5]), 0L));
                body = StrictJson.write(o);
            } else {
                status = 404;
                body = error("not-found", path);
            }
        }
        send(exchange, status, body);
    }

    private boolean authorized(HttpExchange exchange) {
        if (token.isEmpty()) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.equals("Bearer " + token.get());
    }

    private void violation(String what) {
        synchronized (lock) {
            violations.add(what);
        }
        Logger.error("LEDGER PROTOCOL VIOLATION: {}", what);
    }

    private static byte[] accepted(CreditRequest request) {
        ObjectNode o = StrictJson.newObject();
        o.put("creditId", request.creditId());
        o.put("status", "stored");
        o.put("account", request.account());
        o.put("month", request.month());
        o.put("grams", request.grams());
        return StrictJson.write(o);
    }

    private static byte[] error(String code, String message) {
        ObjectNode o = StrictJson.newObject();
        o.put("error", code);
        o.put("message", message);
        return StrictJson.write(o);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.carbonkiosk.collector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonkiosk.protocol.message.CreditRequest;

/**
 * A real HTTP ledger for tests: stores credits by creditId (a second POST of a stored id is a
 * 409), in arrival order. Modes: up, down (503), slow-after-store (stores, then answers late),
 * and refusing chosen creditIds with 400.
 */
final class TestLedger implements AutoCloseable {
    enum Mode { UP, DOWN, SLOW_AFTER_STORE }

    final Map<String, CreditRequest> credits = new ConcurrentHashMap<>();
    final List<String> arrivals = new CopyOnWriteArrayList<>();
    final Set<String> refuse = ConcurrentHashMap.newKeySet();
    final AtomicInteger attempts = new AtomicInteger();
    final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.UP;
    volatile long slowMillis = 1500;
    private final HttpServer server;

    TestLedger() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/credits", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        attempts.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        idempotencyKeys.add(String.valueOf(key));
        if (mode == Mode.DOWN) {
            answer(ex, 503, "{\"error\":\"down\"}");
            return;
        }
        CreditRequest request = CreditRequest.decode(body).value();
        if (refuse.contains(request.creditId())) {
            answer(ex, 400, "{\"error\":\"refused\"}");
            return;
        }
        CreditRequest previous = credits.putIfAbsent(request.creditId(), request);
        if (previous != null) {
            answer(ex, previous.equals(request) ? 409 : 422, "{\"error\":\"duplicate\"}");
            return;
        }
        arrivals.add(request.creditId());
        if (mode == Mode.SLOW_AFTER_STORE) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer(ex, 201, "{\"status\":\"stored\"}");
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        try {
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        } catch (IOException e) {
            // the client gave up (timeout): fine
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

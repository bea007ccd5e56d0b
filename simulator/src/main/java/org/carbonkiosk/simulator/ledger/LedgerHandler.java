package org.carbonkiosk.simulator.ledger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.tinylog.Logger;

/**
 * The stub ledger's HTTP endpoints: {@code POST /v1/credits} (with the injected faults) and the
 * read endpoints, over the {@link CreditBook}; with a token set, every request needs
 * {@code Authorization: Bearer <token>}.
 */
final class LedgerHandler implements HttpHandler {
    private final Optional<String> token;
    private final LedgerFaults faults;
    private final CreditBook book;

    LedgerHandler(Optional<String> token, LedgerFaults faults, CreditBook book) {
        this.token = token;
        this.faults = faults;
        this.book = book;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            sleep(faults.slowMillis());
            if (!authorized(exchange)) {
                book.countUnauthorized();
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
        book.countRequest();
        if (faults.nextError()) {
            book.countErrorInjected();
            send(exchange, 500, error("injected-error", "the ledger is having a bad day"));
            return;
        }
        DecodeResult<CreditRequest> decoded = CreditRequest.decode(body);
        if (!decoded.isOk()) {
            book.violation("undecodable credit body: " + decoded);
            send(exchange, 400, error("bad-request", "not a credit request"));
            return;
        }
        CreditRequest request = decoded.value();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (!request.creditId().equals(key)) {
            book.violation("Idempotency-Key " + key + " does not match creditId " + request.creditId());
            send(exchange, 400, error("bad-idempotency-key", "Idempotency-Key must equal creditId"));
            return;
        }
        CreditBook.Answer answer = book.store(request);
        if (answer.fresh()) {
            Logger.debug("ledger stored {} {} g for {} in {}", request.creditId(), request.grams(),
                    request.account(), request.month());
        }
        if (answer.fresh() && faults.nextTimeoutAfterStore()) {
            book.countTimeoutInjected();
            sleep(faults.hangMillis());
            // A promised body that never comes: the caller cannot tell the credit was stored.
            exchange.sendResponseHeaders(200, 64);
            return;
        }
        send(exchange, answer.status(), answer.body());
    }

    private void get(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        Optional<byte[]> body;
        if (path.equals("/v1/totals")) {
            body = Optional.of(book.totalsJson());
        } else if (path.equals("/v1/violations")) {
            body = Optional.of(book.violationsJson());
        } else if (parts.length == 4 && parts[2].equals("credits")) {
            body = book.creditJson(parts[3]);
        } else if (parts.length == 6 && parts[2].equals("accounts") && parts[4].equals("months")) {
            body = Optional.of(book.monthJson(parts[3], parts[5]));
        } else {
            body = Optional.empty();
        }
        if (body.isPresent()) {
            send(exchange, 200, body.get());
        } else {
            send(exchange, 404, error("not-found", path));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (token.isEmpty()) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.equals("Bearer " + token.get());
    }

    private static byte[] error(String code, String message) {
        return LedgerJson.error(code, message);
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

package org.carbonkiosk.collector.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code POST {ledgerUrl}/v1/credits} with {@code Idempotency-Key} and the optional bearer token. */
public final class HttpLedger implements Ledger {
    private final HttpClient http;
    private final URI endpoint;
    private final String token;
    private final Duration timeout;

    public HttpLedger(String baseUrl, String token, Duration timeout) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/credits");
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public LedgerResult send(String creditId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Idempotency-Key", creditId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return LedgerResult.of(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return new LedgerResult(LedgerResult.Kind.RETRY, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LedgerResult(LedgerResult.Kind.RETRY, "interrupted");
        }
    }
}

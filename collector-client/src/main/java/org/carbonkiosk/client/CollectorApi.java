package org.carbonkiosk.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonkiosk.protocol.json.StrictJson;
import org.tinylog.Logger;

/**
 * The collector's HTTP API (PROTOCOL.md section 6) over the JDK HTTP client: the one client the
 * provisioning tool and the simulator share. Connection failures, timeouts and 5xx answers are
 * retried by the {@link RetryPolicy}; after the last attempt they become a
 * {@link CollectorUnreachableException}. Every other answer is returned as it came, for the
 * caller to judge. The bearer token is sent only in the Authorization header and never logged.
 */
public final class CollectorApi {
    private final URI base;
    private final Optional<String> token;
    private final RetryPolicy retry;
    private final HttpClient http;

    /**
     * @throws IllegalArgumentException when the token is not printable ASCII without spaces (the
     *                                  message does not repeat it)
     */
    public CollectorApi(URI base, Optional<String> token, RetryPolicy retry) {
        token.ifPresent(CollectorApi::requireHeaderSafe);
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(retry.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    public CollectorAnswer get(String path) throws CollectorUnreachableException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(path)).GET(), "GET " + path);
    }

    public CollectorAnswer post(String path, byte[] json) throws CollectorUnreachableException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)), "POST " + path);
    }

    public CollectorAnswer put(String path, byte[] json) throws CollectorUnreachableException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json)), "PUT " + path);
    }

    /** {@code POST /api/devices}: 201 enrolled, 200 the same key again, 409 another key. */
    public CollectorAnswer enroll(EnrollmentRequest request) throws CollectorUnreachableException, InterruptedException {
        return post("/api/devices", request.toJson());
    }

    /** {@code POST /api/devices/{id}/revoke}. */
    public CollectorAnswer revoke(String deviceId) throws CollectorUnreachableException, InterruptedException {
        return post("/api/devices/" + deviceId + "/revoke", new byte[0]);
    }

    /** {@code GET /api/devices/{id}}. */
    public CollectorAnswer device(String deviceId) throws CollectorUnreachableException, InterruptedException {
        return get("/api/devices/" + deviceId);
    }

    /** {@code PUT /api/cards/{card}}: binds a card token to an account (and releases its held events). */
    public CollectorAnswer bindCard(String card, String account) throws CollectorUnreachableException,
            InterruptedException {
        ObjectNode body = StrictJson.newObject();
        body.put("account", account);
        return put("/api/cards/" + card, StrictJson.write(body));
    }

    /** {@code GET /api/events/{eventId}}: 200 with the decision ({@link CollectorAnswer#decision()}), or 404. */
    public CollectorAnswer event(String eventId) throws CollectorUnreachableException, InterruptedException {
        return get("/api/events/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8));
    }

    private URI resolve(String path) {
        return URI.create(base.toString() + path);
    }

    private CollectorAnswer send(HttpRequest.Builder builder, String what)
            throws CollectorUnreachableException, InterruptedException {
        builder.timeout(retry.requestTimeout()).header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest request = builder.build();
        String lastProblem = "";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retry.delayBefore(attempt).toMillis());
            }
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                CollectorAnswer answer = new CollectorAnswer(response.statusCode(), response.body(),
                        response.headers().firstValue("Date"));
                if (answer.status() >= 500 && attempt < retry.attempts()) {
                    Logger.warn("{} {}: HTTP {}, retrying", what, base, answer.status());
                    continue;
                }
                Logger.info("{} {}: HTTP {}", what, base, answer.status());
                return answer;
            } catch (HttpConnectTimeoutException e) {
                lastProblem = "no connection within " + retry.connectTimeout().toSeconds() + " s (timeout)";
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + retry.requestTimeout().toSeconds() + " s (timeout)";
            } catch (IOException e) {
                lastProblem = describe(e);
            }
            Logger.warn("{} {}: attempt {} of {}: {}", what, base, attempt, retry.attempts(), lastProblem);
        }
        throw new CollectorUnreachableException(base, lastProblem, retry.attempts());
    }

    private String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConnectException || cause instanceof UnknownHostException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            return "connection refused (nothing listening there)";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host name " + base.getHost() + " (DNS)";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void requireHeaderSafe(String token) {
        if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the token must be printable ASCII without spaces;"
                    + " check it was copied whole");
        }
    }
}

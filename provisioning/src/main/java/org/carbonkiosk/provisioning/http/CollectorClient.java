package org.carbonkiosk.provisioning.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ProvisionException;
import org.tinylog.Logger;

/**
 * The collector's HTTP API (PROTOCOL.md section 6) with timeouts and retries. Connection
 * failures, timeouts and 5xx answers are retried; after the last attempt they become a plain
 * {@link ProvisionException} naming the URL. 401/403 become "wrong token". The token is sent
 * only in the Authorization header and never logged or shown.
 */
public final class CollectorClient {
    private final URI base;
    private final Optional<String> token;
    private final RetryPolicy retry;
    private final HttpClient http;

    public CollectorClient(URI base, Optional<String> token, RetryPolicy retry) {
        this.base = base;
        this.token = token;
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(retry.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        token.ifPresent(CollectorClient::requireHeaderSafe);
    }

    /** Parses and checks a collector base URL given by the technician; {@code flag} is named in the error. */
    public static URI parseBaseUrl(String text, String flag) {
        try {
            URI uri = new URI(text.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ProvisionException.usage(flag + " must be an http:// or https:// URL with a host, e.g."
                        + " http://collector.example:8080, was '" + text + "'");
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(),
                    path.endsWith("/") ? path.substring(0, path.length() - 1) : path, null, null);
        } catch (URISyntaxException e) {
            throw ProvisionException.usage(flag + " is not a valid URL: '" + text + "'");
        }
    }

    public URI base() {
        return base;
    }

    public CollectorAnswer get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET(), "GET " + path);
    }

    public CollectorAnswer post(String path, byte[] json) {
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)), "POST " + path);
    }

    /** Throws the plain error for 401/403 and for answers the caller does not handle. */
    public static ProvisionException unexpected(CollectorAnswer answer, String what, URI base) {
        if (answer.status() == 401 || answer.status() == 403) {
            return new ProvisionException(ExitCodes.UNAUTHORISED, "the collector at " + base + " refused the technician"
                    + " token (HTTP " + answer.status() + "): " + what + " was not done. Check the token (--token or"
                    + " KIOSK_TECHNICIAN_TOKEN); ask the operator for a valid one.");
        }
        return new ProvisionException(ExitCodes.COLLECTOR_ERROR, what + " failed: the collector at " + base
                + " answered HTTP " + answer.status() + " (" + answer.errorText() + ")");
    }

    private URI resolve(String path) {
        return URI.create(base.toString() + path);
    }

    private CollectorAnswer send(HttpRequest.Builder builder, String what) {
        builder.timeout(retry.requestTimeout()).header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest request = builder.build();
        String lastProblem = "";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt);
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
            } catch (ConnectException e) {
                lastProblem = "connection refused (nothing listening there)";
            } catch (UnknownHostException e) {
                lastProblem = "unknown host name " + base.getHost() + " (DNS)";
            } catch (IOException e) {
                lastProblem = describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisionException(ExitCodes.ABORTED, what + " interrupted");
            }
            Logger.warn("{} {}: attempt {} of {}: {}", what, base, attempt, retry.attempts(), lastProblem);
        }
        throw new ProvisionException(ExitCodes.UNREACHABLE, "cannot reach the collector at " + base + ": "
                + lastProblem + "; tried " + retry.attempts() + " times. Check the network (mobile signal, cable),"
                + " that the URL is right (--collector), and that the collector is running. Nothing was changed"
                + " at the collector by this attempt, or it was changed identically: running the command again is safe.");
    }

    private static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            return "connection refused (nothing listening there)";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host name (DNS)";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(retry.delayBefore(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(ExitCodes.ABORTED, "interrupted while waiting to retry");
        }
    }

    private static void requireHeaderSafe(String token) {
        if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProvisionException.usage("the technician token (--token) must be printable ASCII without spaces;"
                    + " check it was copied whole");
        }
    }
}

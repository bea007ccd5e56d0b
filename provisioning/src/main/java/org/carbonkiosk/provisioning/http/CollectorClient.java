package org.carbonkiosk.provisioning.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.carbonkiosk.client.CollectorAnswer;
import org.carbonkiosk.client.CollectorApi;
import org.carbonkiosk.client.CollectorUnreachableException;
import org.carbonkiosk.client.EnrollmentRequest;
import org.carbonkiosk.client.RetryPolicy;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ProvisionException;

/**
 * The shared {@link CollectorApi} as the tool uses it: a collector that cannot be reached
 * becomes a plain {@link ProvisionException} naming the URL and what to check; 401/403 become
 * "wrong token" ({@link #unexpected}). The token is never logged or shown.
 */
public final class CollectorClient {
    private final CollectorApi api;

    public CollectorClient(URI base, Optional<String> token, RetryPolicy retry) {
        try {
            this.api = new CollectorApi(base, token, retry);
        } catch (IllegalArgumentException e) {
            throw ProvisionException.usage("the technician token (--token) must be printable ASCII without spaces;"
                    + " check it was copied whole");
        }
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
        return api.base();
    }

    public CollectorAnswer get(String path) {
        return call(() -> api.get(path), "GET " + path);
    }

    public CollectorAnswer post(String path, byte[] json) {
        return call(() -> api.post(path, json), "POST " + path);
    }

    public CollectorAnswer enroll(EnrollmentRequest request) {
        return call(() -> api.enroll(request), "enrollment of " + request.deviceId());
    }

    public CollectorAnswer revoke(String deviceId) {
        return call(() -> api.revoke(deviceId), "revocation of " + deviceId);
    }

    public CollectorAnswer device(String deviceId) {
        return call(() -> api.device(deviceId), "GET /api/devices/" + deviceId);
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

    private interface Call {
        CollectorAnswer run() throws CollectorUnreachableException, InterruptedException;
    }

    private CollectorAnswer call(Call call, String what) {
        try {
            return call.run();
        } catch (CollectorUnreachableException e) {
            throw new ProvisionException(ExitCodes.UNREACHABLE, "cannot reach the collector at " + e.base() + ": "
                    + e.problem() + "; tried " + e.attempts() + " times. Check the network (mobile signal, cable),"
                    + " that the URL is right (--collector), and that the collector is running. Nothing was changed"
                    + " at the collector by this attempt, or it was changed identically: running the command again is"
                    + " safe.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(ExitCodes.ABORTED, what + " interrupted");
        }
    }
}

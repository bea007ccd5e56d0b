package org.carbonkiosk.collector.api;

/** An API answer that is an error: status, code and message, written as {@code {"error","message"}}. */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String code;

    public HttpError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, "bad-request", message);
    }

    public static HttpError notFound(String what) {
        return new HttpError(404, "not-found", what + " not found");
    }

    public static HttpError conflict(String code, String message) {
        return new HttpError(409, code, message);
    }
}

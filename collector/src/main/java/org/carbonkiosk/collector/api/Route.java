package org.carbonkiosk.collector.api;

import java.util.regex.Pattern;

/**
 * One endpoint: method, path pattern (groups are path parameters), whether it needs the admin
 * token, and its handler.
 */
public record Route(String method, Pattern path, boolean admin, Handler handler) {

    /** Answers a request. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    public static Route get(String path, Handler h) {
        return new Route("GET", Pattern.compile(path), false, h);
    }

    public static Route write(String method, String path, Handler h) {
        return new Route(method, Pattern.compile(path), true, h);
    }
}

package org.carbonkiosk.collector.api;

import java.util.regex.Pattern;

/**
 * One endpoint: method, path pattern (groups are path parameters), the role it needs (null:
 * no token needed), and its handler.
 */
public record Route(String method, Pattern path, Role role, Handler handler) {

    /** Answers a request. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    /** A read: any valid token (viewer and up). */
    public static Route get(String path, Handler h) {
        return new Route("GET", Pattern.compile(path), Role.VIEWER, h);
    }

    /** An operator's write. */
    public static Route write(String method, String path, Handler h) {
        return new Route(method, Pattern.compile(path), Role.OPERATOR, h);
    }

    /** An admin's write. */
    public static Route admin(String method, String path, Handler h) {
        return new Route(method, Pattern.compile(path), Role.ADMIN, h);
    }

    public static Route of(String method, String path, Role role, Handler h) {
        return new Route(method, Pattern.compile(path), role, h);
    }

    /** A read that needs no token. */
    public static Route open(String path, Handler h) {
        return new Route("GET", Pattern.compile(path), null, h);
    }

    public boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    /** The path with each parameter shown as {@code {}}, e.g. {@code POST /api/cards/{}/block}. */
    public String template() {
        return method + " " + path.pattern().replace("([^/]+)", "{}");
    }
}

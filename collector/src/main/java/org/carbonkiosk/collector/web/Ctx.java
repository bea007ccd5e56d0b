package org.carbonkiosk.collector.web;

import org.carbonkiosk.collector.api.Caller;
import org.carbonkiosk.collector.api.Request;
import org.carbonkiosk.collector.api.Role;

/** One console request: the request, the words in the reader's language, and the session (null before sign-in). */
record Ctx(Request request, Messages m, Sessions.Session session) {

    Caller caller() {
        return session.caller;
    }

    /** True when the signed-in token may make changes (operator or admin): only then are controls shown. */
    boolean canOperate() {
        return session != null && session.caller.role().grants(Role.OPERATOR);
    }

    String t(String key, Object... args) {
        return m.t(key, args);
    }
}

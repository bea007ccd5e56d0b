package org.carbonkiosk.collector.web;

import java.util.HashMap;
import java.util.Map;
import org.carbonkiosk.collector.api.Request;

/** Reading the {@code Cookie} header and writing {@code Set-Cookie} values (HttpOnly, SameSite=Strict). */
final class Cookies {
    static final String SESSION = "kiosk_session";
    static final String PRE_LOGIN = "kiosk_login";
    static final String LANGUAGE = "kiosk_lang";

    private final boolean secure;

    Cookies(boolean secure) {
        this.secure = secure;
    }

    static Map<String, String> of(Request r) {
        Map<String, String> all = new HashMap<>();
        for (String part : r.header("Cookie").orElse("").split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                all.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return all;
    }

    /** A cookie for this server's paths; {@code maxAgeSeconds} &lt; 0: until the browser closes. */
    String set(String name, String value, long maxAgeSeconds) {
        return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "");
    }

    String clear(String name) {
        return set(name, "", 0);
    }
}

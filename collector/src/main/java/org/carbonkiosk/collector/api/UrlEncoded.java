package org.carbonkiosk.collector.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** {@code a=1&b=x%20y} (query strings and HTML form bodies) as a map; the first of repeated names counts. */
public final class UrlEncoded {
    private UrlEncoded() {
    }

    public static Map<String, String> parse(String raw) {
        Map<String, String> fields = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed %-escape: the field is left out
                }
            }
        }
        return fields;
    }
}

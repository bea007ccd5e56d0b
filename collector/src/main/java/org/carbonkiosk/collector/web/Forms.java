package org.carbonkiosk.collector.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.carbonkiosk.collector.api.Request;
import org.carbonkiosk.collector.api.UrlEncoded;

/** {@code application/x-www-form-urlencoded} bodies and URL building. */
final class Forms {
    private Forms() {
    }

    static Map<String, String> of(Request r) {
        return UrlEncoded.parse(new String(r.body(), StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path of this server only (for "back" links): starts with one slash, no scheme, no line breaks. */
    static String localPath(String candidate) {
        if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//")
                || candidate.contains("\\") || candidate.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return candidate;
    }
}

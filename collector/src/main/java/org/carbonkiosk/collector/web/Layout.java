package org.carbonkiosk.collector.web;

import java.nio.charset.StandardCharsets;
import org.carbonkiosk.collector.api.Response;

/** The frame of every console page: head, navigation, who is signed in, language switch, the one-time message. */
final class Layout {
    private Layout() {
    }

    static Response page(Ctx x, int status, String title, String active, boolean refresh, String body) {
        Html h = new Html();
        h.raw("<!DOCTYPE html><html lang=\"").raw(x.m().htmlLang()).raw("\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refresh) {
            h.raw("<meta http-equiv=\"refresh\" content=\"15\">");
        }
        h.el("title", title + " · " + x.t("app.name"))
                .raw("<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body>")
                .raw("<a class=\"skip\" href=\"#main\">").text(x.t("nav.skip")).raw("</a><header>")
                .raw("<span class=\"brand\">").text(x.t("app.name")).raw("</span>");
        if (x.session() != null) {
            h.raw("<nav aria-label=\"").text(x.t("nav.label")).raw("\"><ul>");
            nav(h, x, "/", "nav.overview", active);
            nav(h, x, "/kiosks", "nav.kiosks", active);
            nav(h, x, "/held", "nav.held", active);
            nav(h, x, "/dead-letters", "nav.deadLetters", active);
            nav(h, x, "/cards", "nav.cards", active);
            if (x.caller().role() == org.carbonkiosk.collector.api.Role.ADMIN) {
                nav(h, x, "/audit", "nav.audit", active);
            }
            h.raw("</ul></nav><div class=\"who\"><span id=\"who\">")
                    .text(x.t("who", x.caller().name(), x.t("role." + x.caller().role().wire())))
                    .raw("</span><form method=\"post\" action=\"/logout\">").hidden("csrf", x.session().csrf)
                    .raw("<button type=\"submit\" id=\"sign-out\">").text(x.t("signOut")).raw("</button></form>");
        } else {
            h.raw("<div class=\"who\">");
        }
        String other = x.m().language().equals("zh") ? "en" : "zh";
        h.raw("<a id=\"lang\" lang=\"").raw(other.equals("zh") ? "zh-CN" : "en").raw("\" href=\"")
                .text("/lang?to=" + other + "&back=" + Forms.enc(x.request().path())).raw("\">")
                .text(other.equals("zh") ? "中文" : "English").raw("</a></div></header><main id=\"main\">");
        h.el("h1", title);
        if (x.session() != null) {
            boolean error = x.session().flashIsError;
            x.session().takeFlash().ifPresent(f -> h.raw("<p class=\"flash").raw(error ? " error" : "")
                    .raw("\" role=\"status\" id=\"flash\">").text(f).raw("</p>"));
        }
        h.raw(body).raw("</main><footer>").text(x.t("footer.times")).raw("</footer></body></html>");
        return new Response(status, "text/html; charset=utf-8", h.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void nav(Html h, Ctx x, String href, String key, String active) {
        h.raw("<li><a href=\"").raw(href).raw("\"").raw(href.equals(active) ? " aria-current=\"page\"" : "")
                .raw(">").text(x.t(key)).raw("</a></li>");
    }

    /** A table header cell. */
    static void th(Html h, String text) {
        h.raw("<th scope=\"col\">").text(text).raw("</th>");
    }
}

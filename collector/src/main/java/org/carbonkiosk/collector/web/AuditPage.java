package org.carbonkiosk.collector.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.carbonkiosk.collector.api.Response;

/** {@code /audit} (admins only, as {@code GET /api/audit}): the latest writes, who made them and their outcome. */
final class AuditPage {
    private final ApiCalls api;

    AuditPage(ApiCalls api) {
        this.api = api;
    }

    Response render(Ctx x) {
        ApiCalls.Answer a = api.get(x, "/api/audit");
        if (a.status() == 403) {
            return Console.forbidden(x, a.message());
        }
        Html h = new Html();
        h.el("p", "class=\"note\"", x.t("audit.note"));
        h.raw("<div class=\"scroll\"><table id=\"audit\"><thead><tr>");
        for (String c : List.of("col.at", "col.who", "col.action", "col.target", "col.outcome")) {
            Layout.th(h, x.t(c));
        }
        h.raw("</tr></thead><tbody>");
        for (JsonNode l : a.json()) {
            h.raw("<tr><td class=\"time\">").text(Times.of(l.get("at").asText())).raw("</td><td>")
                    .text(l.get("who").asText() + " (" + x.t("role." + l.get("role").asText()) + ")")
                    .raw("</td><td>").text(l.get("action").asText()).raw("</td><td>")
                    .text(l.get("target").isNull() ? "–" : l.get("target").asText()).raw("</td><td>")
                    .text(l.get("status").asInt() + " " + l.get("outcome").asText()).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        return Layout.page(x, 200, x.t("audit.title"), "/audit", false, h.toString());
    }
}

package org.carbonkiosk.collector.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A kiosk's mass balance on its page: the latest periods between two emptyings, the three
 * weighings and whether they agree (from {@code GET /api/devices/{id}/mass-balance}), and for
 * operators the form to record what the hauler's scale weighed.
 */
final class MassBalanceView {
    /** Periods shown, the latest first. */
    static final int SHOWN = 10;

    private MassBalanceView() {
    }

    static void render(Html h, Ctx x, String deviceId, ApiCalls.Answer answer) {
        h.raw("<section id=\"mass-balance\" aria-labelledby=\"mb-h\"><h2 id=\"mb-h\">").text(x.t("mb.title"))
                .raw("</h2>");
        JsonNode periods = answer.json() == null ? null : answer.json().get("periods");
        if (periods == null || periods.isEmpty()) {
            h.el("p", x.t("mb.none"));
        } else {
            h.el("p", "class=\"note\"", x.t("mb.explain", answer.json().path("tolerancePercent").asInt(),
                    answer.json().path("toleranceFloorGrams").asInt()));
            h.raw("<div class=\"scroll\"><table id=\"mass-balance-periods\"><thead><tr>");
            for (String c : List.of("mb.emptied", "mb.deposits", "mb.reported", "mb.removed",
                    "mb.hauler", "mb.verdict")) {
                Layout.th(h, x.t(c));
            }
            h.raw("</tr></thead><tbody>");
            for (int i = periods.size() - 1; i >= Math.max(0, periods.size() - SHOWN); i--) {
                JsonNode p = periods.get(i);
                boolean ok = p.path("withinTolerance").asBoolean();
                h.raw("<tr").raw(ok ? "" : " class=\"out\"").raw("><td class=\"time\">")
                        .text(Times.of(p.path("emptiedAt").asText())).raw("<br><span class=\"id\">")
                        .text(p.path("emptiedEventId").asText()).raw("</span></td><td class=\"num\">")
                        .text(p.path("deposits").asInt()).raw("</td><td class=\"num\">")
                        .text(p.path("reportedNetGrams").asLong() + " g").raw("</td><td class=\"num\">")
                        .text(p.path("removedGrams").asLong() + " g").raw("</td><td class=\"num\">")
                        .text(p.path("haulerGrams").isNull() ? "–" : p.path("haulerGrams").asLong() + " g")
                        .raw("</td><td>").el("span", "class=\"badge " + (ok ? "credited" : "rejected") + "\"",
                                ok ? x.t("mb.ok") : x.t(p.path("kioskAgrees").asBoolean() ? "mb.haulerOff" : "mb.kioskOff"))
                        .raw("</td></tr>");
            }
            h.raw("</tbody></table></div>");
        }
        if (x.canOperate()) {
            h.raw("<form method=\"post\" class=\"review\" id=\"pickup\" action=\"/kiosks/").text(Forms.enc(deviceId))
                    .raw("/pickups\">").hidden("csrf", x.session().csrf)
                    .raw("<label for=\"pickup-grams\">").text(x.t("mb.collectedGrams")).raw("</label>")
                    .raw("<input id=\"pickup-grams\" name=\"collectedGrams\" type=\"number\" min=\"0\" required>")
                    .raw("<label for=\"pickup-at\">").text(x.t("mb.collectedAt")).raw("</label>")
                    .raw("<input id=\"pickup-at\" name=\"collectedAt\" type=\"datetime-local\" required>")
                    .raw("<label for=\"pickup-by\">").text(x.t("mb.by")).raw("</label>")
                    .raw("<input id=\"pickup-by\" name=\"by\" maxlength=\"200\" required>")
                    .raw("<div class=\"buttons\"><button type=\"submit\" id=\"record-pickup\">")
                    .text(x.t("mb.record")).raw("</button></div></form>");
        }
        h.raw("</section>");
    }
}

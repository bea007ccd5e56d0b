package org.carbonkiosk.collector.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.protocol.event.Timestamps;

/**
 * {@code /cards}: look a card up by its token, bind it to an account or block it (operators),
 * and an account's month. Reads go through the API as the signed-in token.
 */
final class CardsPage {
    private final ApiCalls api;
    private final Clock clock;

    CardsPage(ApiCalls api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    Response render(Ctx x) {
        Map<String, String> q = x.request().query();
        String card = q.getOrDefault("card", "").strip().toLowerCase(java.util.Locale.ROOT);
        String account = q.getOrDefault("account", "").strip();
        String month = q.getOrDefault("month", YearMonth.now(clock.withZone(Timestamps.SHANGHAI)).toString()).strip();
        Html h = new Html();
        h.raw("<section aria-labelledby=\"card-h\"><h2 id=\"card-h\">").text(x.t("cards.lookup")).raw("</h2>")
                .raw("<form method=\"get\" action=\"/cards\" class=\"filters\"><label for=\"card\">")
                .text(x.t("cards.token")).raw("</label><input id=\"card\" name=\"card\" size=\"66\" value=\"")
                .text(card).raw("\" pattern=\"[0-9a-f]{64}\" autocomplete=\"off\"><button type=\"submit\">")
                .text(x.t("cards.find")).raw("</button></form>");
        if (!card.isEmpty()) {
            cardResult(h, x, card);
        }
        h.raw("</section><section aria-labelledby=\"month-h\"><h2 id=\"month-h\">").text(x.t("cards.month"))
                .raw("</h2><form method=\"get\" action=\"/cards\" class=\"filters\"><label for=\"account\">")
                .text(x.t("col.account")).raw("</label><input id=\"account\" name=\"account\" value=\"").text(account)
                .raw("\"><label for=\"month\">").text(x.t("col.month")).raw("</label><input id=\"month\" name=\"month\"")
                .raw(" value=\"").text(month).raw("\" pattern=\"\\d{4}-\\d{2}\"><button type=\"submit\">")
                .text(x.t("cards.show")).raw("</button></form>");
        if (!account.isEmpty()) {
            monthResult(h, x, account, month);
        }
        h.raw("</section>");
        return Layout.page(x, 200, x.t("cards.title"), "/cards", false, h.toString());
    }

    private void cardResult(Html h, Ctx x, String card) {
        ApiCalls.Answer a = api.get(x, "/api/cards/" + Forms.enc(card));
        boolean known = a.status() == 200;
        if (a.status() != 200 && a.status() != 404) {
            h.el("p", "class=\"flash error\"", a.message());
            return;
        }
        h.raw("<dl class=\"facts\" id=\"card-facts\">").el("dt", x.t("col.card")).el("dd", card)
                .el("dt", x.t("col.account"))
                .el("dd", known && !a.json().get("account").isNull() ? a.json().get("account").asText() : x.t("cards.unbound"))
                .el("dt", x.t("cards.blocked"))
                .el("dd", known && a.json().get("blocked").asBoolean() ? x.t("yes") : x.t("no")).raw("</dl>");
        if (!known) {
            h.el("p", "class=\"note\"", x.t("cards.unknown"));
        }
        if (known && !a.json().get("account").isNull()) {
            String account = a.json().get("account").asText();
            h.raw("<p>").link("/cards?account=" + Forms.enc(account), x.t("cards.showMonth", account)).raw("</p>");
        }
        if (x.canOperate()) {
            String path = "/cards/" + Forms.enc(card);
            h.raw("<form method=\"post\" class=\"inline\" action=\"").text(path + "/bind").raw("\">")
                    .hidden("csrf", x.session().csrf).raw("<label for=\"bind-account\">").text(x.t("cards.bindTo"))
                    .raw("</label><input id=\"bind-account\" name=\"account\" required maxlength=\"128\">")
                    .raw("<button type=\"submit\">").text(x.t("cards.bind")).raw("</button></form>")
                    .raw("<form method=\"post\" class=\"inline\" action=\"").text(path + "/block").raw("\">")
                    .hidden("csrf", x.session().csrf).raw("<button type=\"submit\" class=\"reject\">")
                    .text(x.t("cards.block")).raw("</button></form>");
        }
    }

    private void monthResult(Html h, Ctx x, String account, String month) {
        ApiCalls.Answer a = api.get(x, "/api/accounts/" + Forms.enc(account) + "/months/" + Forms.enc(month));
        if (a.status() != 200) {
            h.el("p", "class=\"flash error\"", a.message());
            return;
        }
        JsonNode j = a.json();
        h.raw("<dl class=\"facts\" id=\"month-facts\">").el("dt", x.t("col.account")).el("dd", account)
                .el("dt", x.t("col.month")).el("dd", month)
                .el("dt", x.t("cards.credited")).el("dd", j.get("creditedGrams").asInt() + " g / "
                        + j.get("capGrams").asInt() + " g")
                .el("dt", x.t("cards.deposits")).el("dd", String.valueOf(j.get("deposits").asInt()))
                .raw("</dl>");
    }
}

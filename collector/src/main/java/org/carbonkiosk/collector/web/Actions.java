package org.carbonkiosk.collector.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * The console's changes (CSRF already checked), each made through the API as the signed-in
 * token, so roles and the audit log apply as for any client. A refusal for the role is a 403
 * page; other failures come back as a message on the next page.
 */
final class Actions {
    private static final Pattern HELD = Pattern.compile("/held/([^/]+)");
    private static final Pattern RETRY = Pattern.compile("/dead-letters/([^/]+)/retry");
    private static final Pattern CARD = Pattern.compile("/cards/([^/]+)/(bind|block)");
    private static final Pattern KIOSK = Pattern.compile("/kiosks/([^/]+)/(flag|clear-flag|pickups)");
    private final ApiCalls api;

    Actions(ApiCalls api) {
        this.api = api;
    }

    /** The answer to a POST; null when no action has this path. */
    Response handle(Ctx x, Map<String, String> form) {
        String path = x.request().path();
        Matcher m;
        if ((m = HELD.matcher(path)).matches()) {
            return review(x, m.group(1), form);
        }
        if ((m = RETRY.matcher(path)).matches()) {
            ApiCalls.Answer a = api.send(x, "POST", "/api/ledger/dead-letters/" + m.group(1) + "/retry",
                    StrictJson.newObject());
            return after(x, a, x.t("flash.retried", decoded(m.group(1))), "/dead-letters");
        }
        if ((m = CARD.matcher(path)).matches()) {
            String card = m.group(1);
            String back = card.matches("[0-9a-f]{64}") ? "/cards?card=" + card : "/cards";
            if (m.group(2).equals("bind")) {
                ObjectNode body = StrictJson.newObject();
                body.put("account", form.getOrDefault("account", "").strip());
                ApiCalls.Answer a = api.send(x, "PUT", "/api/cards/" + card, body);
                int released = a.json() != null && a.json().has("released") ? a.json().get("released").size() : 0;
                return after(x, a, x.t("flash.bound", released), back);
            }
            ApiCalls.Answer a = api.send(x, "POST", "/api/cards/" + card + "/block", StrictJson.newObject());
            return after(x, a, x.t("flash.blocked"), back);
        }
        if ((m = KIOSK.matcher(path)).matches()) {
            return kiosk(x, m.group(1), m.group(2), form);
        }
        return null;
    }

    private Response kiosk(Ctx x, String rawId, String action, Map<String, String> form) {
        String back = "/kiosks/" + rawId;
        ObjectNode body = StrictJson.newObject();
        switch (action) {
            case "flag" -> body.put("reason", form.getOrDefault("reason", "").strip());
            case "pickups" -> {
                Optional<String> at = Times.shanghaiLocal(form.getOrDefault("collectedAt", ""));
                if (at.isEmpty() || !form.getOrDefault("collectedGrams", "").matches("[0-9]{1,8}")) {
                    x.session().flash(x.t("flash.failed", x.t("mb.badForm")), true);
                    return Response.redirect(back);
                }
                body.put("collectedGrams", Integer.parseInt(form.get("collectedGrams")));
                body.put("collectedAt", at.get());
                body.put("by", form.getOrDefault("by", "").strip());
            }
            default -> { }
        }
        ApiCalls.Answer a = api.send(x, "POST", "/api/devices/" + rawId + "/" + action, body);
        return after(x, a, x.t("flash." + action, decoded(rawId)), back);
    }

    private Response review(Ctx x, String rawId, Map<String, String> form) {
        String action = form.getOrDefault("action", "");
        if (!action.equals("approve") && !action.equals("reject")) {
            x.session().flash(x.t("flash.noAction"), true);
            return Response.redirect("/held");
        }
        ObjectNode body = StrictJson.newObject();
        body.put(action, true);
        String note = form.getOrDefault("note", "").strip();
        if (!note.isEmpty()) {
            body.put("note", note);
        }
        ApiCalls.Answer a = api.send(x, "POST", "/api/events/" + rawId + "/review", body);
        String done = a.status() == 200 ? x.t("flash.reviewed", decoded(rawId), x.t("action." + action),
                x.t("status." + a.json().get("status").asText()), a.json().get("creditedGrams").asInt()) : "";
        return after(x, a, done, "/held");
    }

    private static Response after(Ctx x, ApiCalls.Answer a, String success, String back) {
        if (a.status() == 403) {
            return Console.forbidden(x, a.message());
        }
        if (a.status() >= 400) {
            x.session().flash(x.t("flash.failed", a.message()), true);
        } else {
            x.session().flash(success, false);
        }
        return Response.redirect(back);
    }

    private static String decoded(String raw) {
        return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
    }
}

package org.carbonkiosk.collector.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.collector.integrity.KioskState;
import org.carbonkiosk.collector.store.ConsoleQueries;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.DepositEvent;

/** {@code /kiosks/{id}}: one kiosk, its open gaps and its latest events with their decisions. */
final class KioskPage {
    private final Store store;
    private final ConsoleQueries queries;
    private final FleetView fleet;
    private final ApiCalls api;
    private final Clock clock;

    KioskPage(Store store, ConsoleQueries queries, FleetView fleet, ApiCalls api, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.fleet = fleet;
        this.api = api;
        this.clock = clock;
    }

    Response render(Ctx x, String deviceId) {
        Optional<FleetView.Kiosk> found = fleet.one(deviceId);
        if (found.isEmpty()) {
            return Layout.page(x, 404, x.t("kiosk.notFound"), "/kiosks", false,
                    new Html().el("p", x.t("kiosk.notFoundText", deviceId)).toString());
        }
        FleetView.Kiosk k = found.get();
        Instant now = clock.instant();
        List<StoredEvent> events = store.db().read(c -> queries.recentOfDevice(c, deviceId, 50));
        Html h = new Html();
        h.raw("<dl class=\"facts\" id=\"kiosk-facts\">");
        fact(h, x.t("col.id"), k.device().deviceId());
        fact(h, x.t("col.location"), k.device().location());
        fact(h, x.t("col.type"), k.device().kioskType());
        h.raw("<dt>").text(x.t("col.online")).raw("</dt><dd>");
        KiosksPage.status(h, x, k);
        h.raw("</dd>");
        fact(h, x.t("col.lastSeen"), k.live().lastSeen().map(Times::of).orElse("–"));
        fact(h, x.t("col.bin"), k.live().binFillPercent().map(b -> b + " %").orElse("–"));
        fact(h, x.t("col.outbox"), k.live().outboxDepth().map(String::valueOf).orElse("–"));
        fact(h, x.t("col.agent"), k.live().agent().orElse("–"));
        fact(h, x.t("col.calibration"), KiosksPage.calibration(x, k, now));
        fact(h, x.t("col.lastSeq"), String.valueOf(k.device().lastSeq()));
        fact(h, x.t("col.missing"), k.missingSeqs().isEmpty() ? x.t("kiosk.noGaps") : k.missingSeqs().toString());
        KioskState integrity = store.db().read(c -> store.integrity().kiosk(c, deviceId));
        fact(h, x.t("col.scaleMode"), x.t("scaleMode." + integrity.scaleMode().wire()));
        h.raw("</dl>");
        review(h, x, deviceId, integrity);
        MassBalanceView.render(h, x, deviceId, api.get(x, "/api/devices/" + deviceId + "/mass-balance"));
        h.raw("<h2>").text(x.t("kiosk.events")).raw("</h2>");
        if (events.isEmpty()) {
            h.el("p", x.t("kiosk.noEvents"));
        } else {
            h.raw("<div class=\"scroll\"><table id=\"events\"><thead><tr>");
            for (String c : List.of("col.seq", "col.type", "col.occurredAt", "col.net", "col.status", "col.reason",
                    "col.credited")) {
                if (List.of("col.seq", "col.net", "col.credited").contains(c)) {
                    h.raw("<th scope=\"col\" class=\"num\">").text(x.t(c)).raw("</th>");
                } else {
                    Layout.th(h, x.t(c));
                }
            }
            h.raw("</tr></thead><tbody>");
            for (StoredEvent e : events) {
                Optional<DepositEvent> d = FleetView.deposit(e);
                h.raw("<tr><td class=\"num\">").text(e.seq()).raw("</td><td>").text(e.type())
                        .raw("</td><td class=\"time\">").text(Times.of(e.occurredAt())).raw("</td><td class=\"num\">")
                        .text(d.map(v -> v.netGrams() + " g").orElse("–")).raw("</td><td>")
                        .el("span", "class=\"badge " + e.status().wire() + "\"", x.t("status." + e.status().wire()))
                        .raw("</td><td>").text(e.reason().map(r -> r.wire()).orElse("–"))
                        .raw("</td><td class=\"num\">").text(e.creditedGrams() + " g").raw("</td></tr>");
            }
            h.raw("</tbody></table></div>");
        }
        return Layout.page(x, 200, x.t("kiosk.title", deviceId), "/kiosks", false, h.toString());
    }

    /** The kiosk's review flag, and (operators) the form to flag it or to clear it. */
    private static void review(Html h, Ctx x, String deviceId, KioskState k) {
        h.raw("<section id=\"review\" aria-labelledby=\"review-h\"><h2 id=\"review-h\">").text(x.t("kiosk.review"))
                .raw("</h2>");
        String path = "/kiosks/" + Forms.enc(deviceId);
        if (k.flag().isPresent()) {
            h.el("p", "class=\"flash error\" id=\"flagged\"", x.t("kiosk.flagged", k.flag().get().reason(),
                    k.flag().get().by(), Times.of(k.flag().get().at())));
            if (x.canOperate()) {
                h.raw("<form method=\"post\" action=\"").raw(path).raw("/clear-flag\">")
                        .hidden("csrf", x.session().csrf).raw("<button type=\"submit\" id=\"clear-flag\">")
                        .text(x.t("kiosk.clearFlag")).raw("</button></form>");
            }
        } else {
            h.el("p", "id=\"not-flagged\"", x.t("kiosk.notFlagged"));
            if (x.canOperate()) {
                h.raw("<form method=\"post\" class=\"review\" action=\"").raw(path).raw("/flag\">")
                        .hidden("csrf", x.session().csrf)
                        .raw("<label for=\"flag-reason\">").text(x.t("kiosk.flagReason")).raw("</label>")
                        .raw("<input id=\"flag-reason\" name=\"reason\" maxlength=\"500\" required>")
                        .raw("<div class=\"buttons\"><button type=\"submit\" class=\"reject\" id=\"flag\">")
                        .text(x.t("kiosk.flag")).raw("</button></div></form>");
            }
        }
        h.raw("</section>");
    }

    private static void fact(Html h, String label, String value) {
        h.el("dt", label).el("dd", value);
    }
}

package org.carbonkiosk.collector.web;

import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.collector.integrity.Signal;
import org.carbonkiosk.collector.store.ConsoleQueries;
import org.carbonkiosk.collector.store.DeviceRecord;
import org.carbonkiosk.collector.store.ReviewStore;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.collector.store.StoredEvent;
import org.carbonkiosk.protocol.event.DepositEvent;

/**
 * {@code /held}: the held events, oldest first, with the reason and the evidence; operators get
 * approve and reject (with a note) on each; below, the latest reviews and who made them.
 */
final class HeldPage {
    private final Store store;
    private final ConsoleQueries queries;
    private final ReviewStore reviews = new ReviewStore();

    HeldPage(Store store, ConsoleQueries queries) {
        this.store = store;
        this.queries = queries;
    }

    Response render(Ctx x) {
        List<StoredEvent> held = store.db().read(c -> queries.held(c, 200));
        Html h = new Html();
        h.el("p", "id=\"held-count\"", x.t("held.count", held.size()));
        if (!x.canOperate()) {
            h.el("p", "class=\"note\"", x.t("held.viewerNote"));
        }
        h.raw("<ol class=\"cards\" id=\"held\">");
        for (StoredEvent e : held) {
            item(h, x, e);
        }
        h.raw("</ol>");
        List<ReviewStore.Review> recent = store.db().read(c -> reviews.recent(c, 20));
        h.raw("<section aria-labelledby=\"reviews-h\"><h2 id=\"reviews-h\">").text(x.t("held.reviews")).raw("</h2>");
        if (recent.isEmpty()) {
            h.el("p", x.t("held.noReviews"));
        } else {
            h.raw("<div class=\"scroll\"><table id=\"reviews\"><thead><tr>");
            for (String c : List.of("col.event", "col.action", "col.reviewer", "col.note", "col.status", "col.at")) {
                Layout.th(h, x.t(c));
            }
            h.raw("</tr></thead><tbody>");
            for (ReviewStore.Review r : recent) {
                h.raw("<tr><td class=\"id\">").text(r.eventId()).raw("</td><td>").text(x.t("action." + r.action()))
                        .raw("</td><td>").text(r.reviewer()).raw("</td><td>").text(r.note().orElse("–"))
                        .raw("</td><td>").text(x.t("status." + r.resultStatus())
                                + r.resultReason().map(v -> " (" + v + ")").orElse(""))
                        .raw("</td><td class=\"time\">").text(Times.of(r.at())).raw("</td></tr>");
            }
            h.raw("</tbody></table></div>");
        }
        h.raw("</section>");
        return Layout.page(x, 200, x.t("held.title"), "/held", false, h.toString());
    }

    private void item(Html h, Ctx x, StoredEvent e) {
        String id = e.eventId();
        String domId = "held-" + id.replaceAll("[^A-Za-z0-9-]", "-");
        Optional<DepositEvent> d = FleetView.deposit(e);
        String location = store.db().read(c -> store.devices().find(c, e.deviceId())).map(DeviceRecord::location)
                .orElse("");
        h.raw("<li class=\"card\" id=\"").raw(domId).raw("\"><h2>").text(id).raw(" ")
                .el("span", "class=\"badge held\"", e.reason().map(r -> r.wire()).orElse("held")).raw("</h2>")
                .el("p", "class=\"reason\"", x.t("reason." + e.reason().map(r -> r.wire()).orElse("none")))
                .raw("<dl class=\"facts\">");
        fact(h, x.t("col.kiosk"), e.deviceId() + (location.isEmpty() ? "" : " · " + location));
        if (d.isPresent()) {
            DepositEvent v = d.get();
            fact(h, x.t("col.material"), v.material().wire());
            fact(h, x.t("col.weights"), x.t("held.weights", v.tareGrams(), v.grossGrams(), v.netGrams()));
            fact(h, x.t("col.calibratedAt"), v.calibratedAt().map(Times::of).orElse("–"));
            fact(h, x.t("col.card"), v.card().substring(0, 12) + "…");
        } else {
            fact(h, x.t("col.type"), e.type());
        }
        fact(h, x.t("col.occurredAt"), Times.of(e.occurredAt()));
        fact(h, x.t("col.receivedAt"), Times.of(e.receivedAt()));
        h.raw("</dl>");
        List<Signal> signals = store.db().read(c -> store.integrity().signals(c, id));
        if (!signals.isEmpty()) {
            h.raw("<ul class=\"signals\">");
            for (Signal s : signals) {
                h.raw("<li data-signal=\"").text(s.reason().wire()).raw("\">").el("strong", s.reason().wire())
                        .raw(" ").text(SignalText.of(x, s)).raw("</li>");
            }
            h.raw("</ul>");
        }
        if (x.canOperate()) {
            String noteId = "note-" + domId;
            h.raw("<form method=\"post\" class=\"review\" action=\"/held/").text(Forms.enc(id)).raw("\">")
                    .hidden("csrf", x.session().csrf)
                    .raw("<label for=\"").raw(noteId).raw("\">").text(x.t("held.note")).raw("</label>")
                    .raw("<textarea id=\"").raw(noteId).raw("\" name=\"note\" rows=\"2\" maxlength=\"1000\"></textarea>")
                    .raw("<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"approve\" class=\"approve\">")
                    .text(x.t("held.approve")).raw("</button><button type=\"submit\" name=\"action\" value=\"reject\"")
                    .raw(" class=\"reject\">").text(x.t("held.reject")).raw("</button></div></form>");
        }
        h.raw("</li>");
    }

    private static void fact(Html h, String label, String value) {
        h.el("dt", label).el("dd", value);
    }
}

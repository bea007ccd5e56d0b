package org.carbonkiosk.collector.web;

import java.util.List;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.collector.store.LedgerOutboxStore;
import org.carbonkiosk.collector.store.Store;

/** {@code /dead-letters}: credits the ledger refused, with retry for operators, and the backlog. */
final class DeadLettersPage {
    private final Store store;

    DeadLettersPage(Store store) {
        this.store = store;
    }

    Response render(Ctx x) {
        LedgerOutboxStore.Backlog b = store.db().read(c -> store.outbox().backlog(c));
        List<LedgerOutboxStore.OutboxRow> dead = store.db().read(c -> store.outbox().deadLetters(c, 500));
        Html h = new Html();
        h.el("p", "id=\"backlog\"", x.t("dead.backlog", b.pending(), b.dead(), b.forwarded()));
        if (dead.isEmpty()) {
            h.el("p", "id=\"no-dead\"", x.t("dead.none"));
        } else {
            h.raw("<div class=\"scroll\"><table id=\"dead\"><thead><tr>");
            for (String c : List.of("col.credit", "col.account", "col.attempts", "col.lastError")) {
                Layout.th(h, x.t(c));
            }
            if (x.canOperate()) {
                Layout.th(h, x.t("col.actions"));
            }
            h.raw("</tr></thead><tbody>");
            for (LedgerOutboxStore.OutboxRow r : dead) {
                h.raw("<tr><td>").text(r.creditId()).raw("</td><td>").text(r.account()).raw("</td><td class=\"num\">")
                        .text(r.attempts()).raw("</td><td>").text(r.lastError().orElse("–")).raw("</td>");
                if (x.canOperate()) {
                    h.raw("<td><form method=\"post\" action=\"/dead-letters/").text(Forms.enc(r.creditId()))
                            .raw("/retry\">").hidden("csrf", x.session().csrf).raw("<button type=\"submit\">")
                            .text(x.t("dead.retry")).raw("</button></form></td>");
                }
                h.raw("</tr>");
            }
            h.raw("</tbody></table></div>");
        }
        return Layout.page(x, 200, x.t("dead.title"), "/dead-letters", false, h.toString());
    }
}

package org.carbonkiosk.collector.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.collector.store.ConsoleQueries;
import org.carbonkiosk.collector.store.LedgerOutboxStore;
import org.carbonkiosk.collector.store.Store;
import org.carbonkiosk.protocol.event.Timestamps;

/** {@code /}: the fleet at a glance, refreshed every 15 seconds. */
final class OverviewPage {
    private final Store store;
    private final ConsoleQueries queries;
    private final FleetView fleet;
    private final Clock clock;
    private final Duration calibrationMaxAge;

    OverviewPage(Store store, ConsoleQueries queries, FleetView fleet, Clock clock, Duration calibrationMaxAge) {
        this.store = store;
        this.queries = queries;
        this.fleet = fleet;
        this.clock = clock;
        this.calibrationMaxAge = calibrationMaxAge;
    }

    Response render(Ctx x) {
        Instant now = clock.instant();
        List<FleetView.Kiosk> kiosks = fleet.all().stream().filter(k -> !k.device().revoked()).toList();
        long online = kiosks.stream().filter(k -> k.live().online()).count();
        List<FleetView.Kiosk> full = kiosks.stream()
                .filter(k -> k.live().binFillPercent().map(b -> b > 80).orElse(false)).toList();
        List<FleetView.Kiosk> gaps = kiosks.stream().filter(k -> !k.missingSeqs().isEmpty()).toList();
        long gapCount = gaps.stream().mapToLong(k -> k.missingSeqs().size()).sum();
        List<FleetView.Kiosk> expiring = kiosks.stream().filter(k -> k.calibrationDaysLeft(now, calibrationMaxAge)
                .map(d -> d <= 30).orElse(false)).toList();
        long unknownCalibration = kiosks.stream().filter(k -> k.calibratedAt().isEmpty()).count();
        long held = store.db().read(queries::heldCount);
        LedgerOutboxStore.Backlog backlog = store.db().read(c -> store.outbox().backlog(c));
        LocalDate today = LocalDate.ofInstant(now, Timestamps.SHANGHAI);
        String since = today.atStartOfDay(Timestamps.SHANGHAI).toInstant().toString();
        Map<String, Long> decisions = store.db().read(c -> queries.decisionsSince(c, since));

        Html h = new Html();
        h.raw("<div class=\"tiles\">");
        tile(h, "tile-online", x.t("overview.online"), online + " / " + kiosks.size(), "/kiosks?online=no",
                x.t("overview.offline", kiosks.size() - online));
        tile(h, "tile-held", x.t("overview.held"), String.valueOf(held), "/held", x.t("overview.heldHint"));
        tile(h, "tile-dead", x.t("overview.deadLetters"), String.valueOf(backlog.dead()), "/dead-letters",
                x.t("overview.deadHint"));
        tile(h, "tile-backlog", x.t("overview.backlog"), String.valueOf(backlog.pending()), "/dead-letters",
                x.t("overview.forwarded", backlog.forwarded()));
        long reporting = kiosks.stream().filter(k -> k.live().binFillPercent().isPresent()).count();
        tile(h, "tile-bins", x.t("overview.bins"), String.valueOf(full.size()), "/kiosks?sort=bin&dir=desc",
                x.t("overview.binsHint", reporting, kiosks.size()));
        tile(h, "tile-gaps", x.t("overview.gaps"), String.valueOf(gapCount), "/kiosks?sort=missing&dir=desc",
                x.t("overview.gapsHint", gaps.size()));
        tile(h, "tile-calibration", x.t("overview.calibration"), String.valueOf(expiring.size()),
                "/kiosks?sort=calibration&dir=desc", x.t("overview.calibrationHint", unknownCalibration));
        h.raw("</div>");
        h.raw("<section aria-labelledby=\"decisions-h\"><h2 id=\"decisions-h\">").text(x.t("overview.decisions", today))
                .raw("</h2>");
        if (decisions.isEmpty()) {
            h.el("p", x.t("overview.noDecisions"));
        } else {
            h.raw("<table id=\"decisions\"><thead><tr>");
            Layout.th(h, x.t("col.decision"));
            h.raw("<th scope=\"col\" class=\"num\">").text(x.t("col.count")).raw("</th>");
            h.raw("</tr></thead><tbody>");
            decisions.forEach((k, v) -> {
                String[] statusReason = k.split(" ", 2);
                h.raw("<tr><td>").text(x.t("status." + statusReason[0])
                        + (statusReason.length > 1 ? " · " + statusReason[1] : "")).raw("</td><td class=\"num\">")
                        .text(v).raw("</td></tr>");
            });
            h.raw("</tbody></table>");
        }
        h.raw("</section>");
        list(h, x, "overview.binsList", full);
        list(h, x, "overview.calibrationList", expiring);
        h.el("p", "class=\"note\"", x.t("overview.calibrationSource", calibrationMaxAge.toDays()));
        h.el("p", "class=\"note\"", x.t("overview.refresh"));
        return Layout.page(x, 200, x.t("overview.title"), "/", true, h.toString());
    }

    private static void tile(Html h, String id, String label, String value, String href, String hint) {
        h.raw("<a class=\"tile\" id=\"").raw(id).raw("\" href=\"").text(href).raw("\"><span class=\"label\">")
                .text(label).raw("</span><span class=\"value\">").text(value).raw("</span><span class=\"hint\">")
                .text(hint).raw("</span></a>");
    }

    private static void list(Html h, Ctx x, String key, List<FleetView.Kiosk> kiosks) {
        if (kiosks.isEmpty()) {
            return;
        }
        h.raw("<section><h2>").text(x.t(key)).raw("</h2><ul class=\"kiosk-list\">");
        for (FleetView.Kiosk k : kiosks) {
            h.raw("<li>").link("/kiosks/" + Forms.enc(k.device().deviceId()), k.device().deviceId()).raw(" ")
                    .text(k.device().location()).raw("</li>");
        }
        h.raw("</ul></section>");
    }
}

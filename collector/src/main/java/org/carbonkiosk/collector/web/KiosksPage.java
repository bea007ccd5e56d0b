package org.carbonkiosk.collector.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.carbonkiosk.collector.api.Response;

/** {@code /kiosks}: the fleet table, sorted and filtered by query parameters (no script needed). */
final class KiosksPage {
    private static final List<String> COLUMNS = List.of("id", "location", "online", "lastSeen", "bin", "outbox",
            "missing", "agent", "calibration");
    private static final List<String> NUMERIC = List.of("bin", "outbox", "missing");
    private final FleetView fleet;
    private final Clock clock;

    KiosksPage(FleetView fleet, Clock clock) {
        this.fleet = fleet;
        this.clock = clock;
    }

    Response render(Ctx x) {
        Map<String, String> q = x.request().query();
        String sort = COLUMNS.contains(q.getOrDefault("sort", "id")) ? q.getOrDefault("sort", "id") : "id";
        boolean desc = "desc".equals(q.get("dir"));
        String online = q.getOrDefault("online", "all");
        String text = q.getOrDefault("q", "").strip();
        Instant now = clock.instant();
        List<FleetView.Kiosk> rows = fleet.all().stream()
                .filter(k -> online.equals("all") || (online.equals("yes") == k.live().online()))
                .filter(k -> text.isEmpty() || contains(k.device().deviceId(), text)
                        || contains(k.device().location(), text))
                .sorted(desc ? comparator(sort, now).reversed() : comparator(sort, now))
                .toList();
        Html h = new Html();
        h.raw("<form method=\"get\" action=\"/kiosks\" class=\"filters\" role=\"search\">")
                .raw("<label for=\"q\">").text(x.t("kiosks.search")).raw("</label>")
                .raw("<input id=\"q\" name=\"q\" type=\"search\" value=\"").text(text).raw("\">")
                .raw("<label for=\"online\">").text(x.t("kiosks.show")).raw("</label><select id=\"online\" name=\"online\">");
        for (String o : List.of("all", "yes", "no")) {
            h.raw("<option value=\"").raw(o).raw("\"").raw(o.equals(online) ? " selected" : "").raw(">")
                    .text(x.t("kiosks.online." + o)).raw("</option>");
        }
        h.raw("</select>").hidden("sort", sort).hidden("dir", desc ? "desc" : "asc")
                .raw("<button type=\"submit\">").text(x.t("kiosks.filter")).raw("</button></form>");
        h.el("p", "id=\"kiosk-count\"", x.t("kiosks.count", rows.size()));
        h.raw("<div class=\"scroll\"><table id=\"kiosks\"><thead><tr>");
        for (String c : COLUMNS) {
            boolean current = c.equals(sort);
            String dir = current && !desc ? "desc" : "asc";
            String href = "/kiosks?sort=" + c + "&dir=" + dir + "&online=" + Forms.enc(online) + "&q=" + Forms.enc(text);
            h.raw("<th scope=\"col\"").raw(NUMERIC.contains(c) ? " class=\"num\"" : "").raw(current ? " aria-sort=\"" + (desc ? "descending" : "ascending") + "\"" : "")
                    .raw(">").link(href, x.t("col." + c) + (current ? (desc ? " ▼" : " ▲") : "")).raw("</th>");
        }
        h.raw("</tr></thead><tbody>");
        for (FleetView.Kiosk k : rows) {
            String id = k.device().deviceId();
            h.raw("<tr><td class=\"id\">").link("/kiosks/" + Forms.enc(id), id).raw("</td><td class=\"location\">")
                    .text(k.device().location()).raw("</td><td>");
            status(h, x, k);
            h.raw("</td><td class=\"time\">").text(k.live().lastSeen().map(Times::of).orElse("–"))
                    .raw("</td><td class=\"num\">").text(k.live().binFillPercent().map(b -> b + " %").orElse("–"))
                    .raw("</td><td class=\"num\">").text(k.live().outboxDepth().map(String::valueOf).orElse("–"))
                    .raw("</td><td class=\"num\">").text(k.missingSeqs().size())
                    .raw("</td><td>").text(k.live().agent().orElse("–"))
                    .raw("</td><td>").text(calibration(x, k, now)).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        return Layout.page(x, 200, x.t("kiosks.title"), "/kiosks", false, h.toString());
    }

    static void status(Html h, Ctx x, FleetView.Kiosk k) {
        if (k.device().revoked()) {
            h.el("span", "class=\"badge revoked\"", x.t("kiosk.revoked"));
        } else if (k.live().online()) {
            h.el("span", "class=\"badge online\"", x.t("kiosk.online"));
        } else {
            h.el("span", "class=\"badge offline\"", x.t("kiosk.offline"));
        }
    }

    static String calibration(Ctx x, FleetView.Kiosk k, Instant now) {
        Optional<Long> age = k.calibrationAgeDays(now);
        if (age.isPresent()) {
            return x.t("kiosk.calibrationAge", age.get());
        }
        return x.t(k.anyDeposit() ? "kiosk.calibrationNotSent" : "kiosk.calibrationNoDeposit");
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private static Comparator<FleetView.Kiosk> comparator(String column, Instant now) {
        Comparator<FleetView.Kiosk> byId = Comparator.comparing(k -> k.device().deviceId());
        Comparator<FleetView.Kiosk> c = switch (column) {
            case "location" -> Comparator.comparing(k -> String.valueOf(k.device().location()));
            case "online" -> Comparator.comparing(k -> k.live().online());
            case "lastSeen" -> optional(k -> k.live().lastSeen());
            case "bin" -> optional(k -> k.live().binFillPercent());
            case "outbox" -> optional(k -> k.live().outboxDepth());
            case "missing" -> Comparator.comparing(k -> k.missingSeqs().size());
            case "agent" -> optional(k -> k.live().agent());
            case "calibration" -> optional(k -> k.calibrationAgeDays(now));
            default -> byId;
        };
        return c.thenComparing(byId);
    }

    /** Unknown values sort first ascending (last descending). */
    private static <T extends Comparable<T>> Comparator<FleetView.Kiosk> optional(
            Function<FleetView.Kiosk, Optional<T>> f) {
        return Comparator.comparing(k -> f.apply(k).orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}

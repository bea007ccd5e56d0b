package org.carbonkiosk.simulator.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carbonkiosk.simulator.fraud.FraudAttempt;
import org.carbonkiosk.simulator.truth.CreditArithmetic;
import org.carbonkiosk.simulator.truth.GroundTruth;
import org.carbonkiosk.protocol.event.Timestamps;

/** Writes a finished run as one self-contained HTML page with inline SVG charts. */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static Path write(RunSummary run, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(run), StandardCharsets.UTF_8);
        return file;
    }

    static String render(RunSummary run) {
        Reconciliation rec = run.reconciliation();
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Carbon Kiosk simulation</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}
                .ok{color:#2ca02c;font-weight:bold}.bad{color:#d62728;font-weight:bold}td.l{text-align:left}</style>
                </head><body><h1>Carbon Kiosk: a simulated month</h1>
                """);
        h.append("<p class=\"").append(run.ok() ? "ok" : "bad").append("\">").append(Svg.esc(rec.summaryLine()))
                .append(run.ok() ? "" : " (see below)").append("</p>");
        h.append("<table>");
        run.facts().forEach((k, v) -> h.append("<tr><th class=\"l\">").append(Svg.esc(k)).append("</th><td class=\"l\">")
                .append(Svg.esc(v)).append("</td></tr>"));
        h.append("<tr><th class=\"l\">expected credit, total</th><td class=\"l\">").append(rec.expectedTotal())
                .append(" g</td></tr><tr><th class=\"l\">ledger credit, total</th><td class=\"l\">")
                .append(rec.ledgerTotal()).append(" g</td></tr></table>");

        h.append("<h2>Deposits per hour of the day</h2>").append(Svg.bars(perHour(run.truth()), "#1f77b4", 900, 200));
        h.append("<h2>Deposits per day</h2>").append(Svg.bars(perDay(run.truth()), "#9467bd", 900, 200));
        for (String month : months(rec)) {
            List<Reconciliation.Row> rows = rec.rows().stream().filter(r -> r.key().month().equals(month))
                    .sorted(Comparator.comparingLong(Reconciliation.Row::ledger)).toList();
            List<long[]> bars = new ArrayList<>();
            rows.forEach(r -> bars.add(new long[] {r.ledger(), r.matches() ? 0 : 1}));
            h.append("<h2>Credit per account against the cap, ").append(month).append(" (").append(rows.size())
                    .append(" accounts; green: at the cap, red: differs from the ground truth)</h2>")
                    .append(Svg.againstCap(bars, CreditArithmetic.MONTHLY_CAP, 900, 220));
        }
        h.append("<h2>Decisions by reason</h2>")
                .append(Svg.bars(new TreeMap<>(run.decisionsByReason()), "#ff7f0e", 900, 200));

        h.append("<h2>Fraud attempts</h2><table><tr><th>attempt</th><th>event</th><th>collector said</th><th>result</th></tr>");
        for (FraudAttempt f : run.fraud()) {
            h.append("<tr><td class=\"l\">").append(f.kind()).append("</td><td class=\"l\">").append(Svg.esc(f.eventId()))
                    .append("</td><td class=\"l\">").append(Svg.esc(f.outcome())).append("</td><td class=\"")
                    .append(f.refused() ? "ok\">refused" : "bad\">CREDITED").append("</td></tr>");
        }
        h.append("</table>");
        h.append("<h2>Ledger</h2><p>").append(Svg.esc(run.ledger().toString())).append("</p>");
        if (!run.ledgerViolations().isEmpty()) {
            h.append("<p class=\"bad\">protocol violations:</p><ul>");
            run.ledgerViolations().forEach(v -> h.append("<li>").append(Svg.esc(v)).append("</li>"));
            h.append("</ul>");
        }
        h.append("<h2>Reconciliation</h2><table><tr><th>account</th><th>month</th><th>deposits</th>"
                + "<th>expected g</th><th>ledger g</th><th>result</th></tr>");
        for (Reconciliation.Row r : rec.rows()) {
            h.append("<tr><td class=\"l\">").append(Svg.esc(r.key().account())).append("</td><td>").append(r.key().month())
                    .append("</td><td>").append(r.deposits()).append("</td><td>").append(r.expected()).append("</td><td>")
                    .append(r.ledger()).append("</td><td class=\"").append(r.matches() ? "ok\">match" : "bad\">DIFFERS")
                    .append("</td></tr>");
        }
        return h.append("</table></body></html>\n").toString();
    }

    private static Map<String, Long> perHour(GroundTruth truth) {
        Map<String, Long> hours = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            hours.put("%02d".formatted(i), 0L);
        }
        truth.recorded().forEach(d -> hours.merge("%02d".formatted(d.at().atZone(Timestamps.SHANGHAI).getHour()), 1L, Long::sum));
        return hours;
    }

    private static Map<String, Long> perDay(GroundTruth truth) {
        Map<String, Long> days = new TreeMap<>();
        truth.recorded().forEach(d -> days.merge(d.at().atZone(Timestamps.SHANGHAI).toLocalDate().toString().substring(5), 1L,
                Long::sum));
        return days;
    }

    private static List<String> months(Reconciliation rec) {
        return rec.rows().stream().map(r -> r.key().month()).distinct().sorted().toList();
    }
}

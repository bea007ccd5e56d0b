package org.carbonkiosk.simulator.report;

import java.util.List;
import java.util.Map;

/** Small inline SVG charts (no scripts, no external files), for the self-contained report. */
final class Svg {
    private Svg() {
    }

    /** A vertical bar chart of labelled values. */
    static String bars(Map<String, Long> values, String color, int width, int height) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int n = Math.max(1, values.size());
        double slot = (width - 50.0) / n;
        StringBuilder s = new StringBuilder(svgOpen(width, height + 40));
        s.append(axis(width, height, max));
        int i = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double h = (height - 10.0) * e.getValue() / max;
            double x = 45 + i * slot;
            s.append("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %d</title></rect>"
                    .formatted(x + 1, height - h, Math.max(1, slot - 2), h, color, esc(e.getKey()), e.getValue()));
            if (n <= 40 || i % Math.ceil(n / 30.0) == 0) {
                s.append("<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-45 %.1f %d)\">%s</text>"
                        .formatted(x + slot / 2, height + 14, x + slot / 2, height + 14, esc(e.getKey())));
            }
            i++;
        }
        return s.append("</svg>").toString();
    }

    /** One bar per account (sorted), with the cap drawn across; bars over the cap or differing in red. */
    static String againstCap(List<long[]> creditAndFlag, long cap, int width, int height) {
        long max = Math.max(cap + cap / 10, creditAndFlag.stream().mapToLong(v -> v[0]).max().orElse(cap));
        int n = Math.max(1, creditAndFlag.size());
        double slot = (width - 50.0) / n;
        StringBuilder s = new StringBuilder(svgOpen(width, height + 20));
        s.append(axis(width, height, max));
        for (int i = 0; i < creditAndFlag.size(); i++) {
            long[] v = creditAndFlag.get(i);
            double h = (height - 10.0) * v[0] / max;
            String color = v[1] != 0 ? "#d62728" : v[0] >= cap ? "#2ca02c" : "#1f77b4";
            s.append("<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"/>"
                    .formatted(45 + i * slot, height - h, Math.max(0.5, slot - 0.5), h, color));
        }
        double capY = height - (height - 10.0) * cap / max;
        s.append("<line x1=\"45\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"6 3\"/>"
                .formatted(width - 5, capY, capY));
        s.append("<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">monthly cap %d g</text>"
                .formatted(width - 8, capY - 4, cap));
        return s.append("</svg>").toString();
    }

    private static String svgOpen(int width, int height) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">"
                .formatted(width, height, width, height);
    }

    private static String axis(int width, int height, long max) {
        return ("<line x1=\"44\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
                + "<text x=\"40\" y=\"14\" font-size=\"10\" text-anchor=\"end\">%d</text>"
                + "<text x=\"40\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">0</text>")
                .formatted(width - 5, height, height, max, height);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.carbonkiosk.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.carbonkiosk.simulator.AccountMonth;

/**
 * Every account's expected credit per month (the simulator's ground truth) against what the
 * ledger holds. Exact: one gram off is a difference.
 */
public record Reconciliation(List<Row> rows) {

    /** One account-month. */
    public record Row(AccountMonth key, int deposits, long expected, long ledger) {
        public boolean matches() {
            return expected == ledger;
        }
    }

    public Reconciliation {
        rows = List.copyOf(rows);
    }

    /** Compares over every account-month either side knows of. */
    public static Reconciliation of(Map<AccountMonth, Long> expected, Map<AccountMonth, Long> ledger,
                                    Map<AccountMonth, Integer> deposits) {
        TreeSet<AccountMonth> keys = new TreeSet<>(expected.keySet());
        keys.addAll(ledger.keySet());
        List<Row> rows = new ArrayList<>();
        for (AccountMonth key : keys) {
            rows.add(new Row(key, deposits.getOrDefault(key, 0), expected.getOrDefault(key, 0L),
                    ledger.getOrDefault(key, 0L)));
        }
        return new Reconciliation(rows);
    }

    public int accountMonths() {
        return rows.size();
    }

    public long matching() {
        return rows.stream().filter(Row::matches).count();
    }

    public long differing() {
        return rows.size() - matching();
    }

    public boolean allMatch() {
        return differing() == 0;
    }

    public List<Row> differences() {
        return rows.stream().filter(r -> !r.matches()).toList();
    }

    public long expectedTotal() {
        return rows.stream().mapToLong(Row::expected).sum();
    }

    public long ledgerTotal() {
        return rows.stream().mapToLong(Row::ledger).sum();
    }

    /** The demo's last line, e.g. {@code reconciliation: 412 account-months, 412 match, 0 differ}. */
    public String summaryLine() {
        return "reconciliation: %d account-months, %d match, %d differ".formatted(accountMonths(), matching(), differing());
    }

    /**
     * A text table: per month the totals, then every differing row, then up to {@code sample}
     * matching rows.
     */
    public String table(int sample) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-12s %-8s %9s %12s %12s  %s%n", "account", "month", "deposits", "expected g",
                "ledger g", "result"));
        Map<String, long[]> months = new java.util.TreeMap<>();
        rows.forEach(r -> {
            long[] m = months.computeIfAbsent(r.key().month(), k -> new long[4]);
            m[0]++;
            m[1] += r.deposits();
            m[2] += r.expected();
            m[3] += r.ledger();
        });
        int shown = 0;
        for (Row r : rows) {
            if (!r.matches() || shown < sample) {
                out.append(String.format("%-12s %-8s %9d %12d %12d  %s%n", r.key().account(), r.key().month(),
                        r.deposits(), r.expected(), r.ledger(), r.matches() ? "match" : "DIFFERS"));
                if (r.matches()) {
                    shown++;
                }
            }
        }
        if (matching() > shown) {
            out.append(String.format("... %d more matching account-months%n", matching() - shown));
        }
        months.forEach((month, m) -> out.append(String.format("%-12s %-8s %9d %12d %12d  %s%n",
                "all " + m[0], month, m[1], m[2], m[3], m[2] == m[3] ? "match" : "DIFFERS")));
        return out.toString();
    }
}

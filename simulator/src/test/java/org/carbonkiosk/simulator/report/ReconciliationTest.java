package org.carbonkiosk.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carbonkiosk.simulator.AccountMonth;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    private static final AccountMonth A_NOV = new AccountMonth("acct-1", "2026-11");
    private static final AccountMonth A_DEC = new AccountMonth("acct-1", "2026-12");
    private static final AccountMonth B_NOV = new AccountMonth("acct-2", "2026-11");

    @Test
    void of_equalTotals_allMatch() {
        Reconciliation r = Reconciliation.of(Map.of(A_NOV, 4500L, A_DEC, 1230L), Map.of(A_NOV, 4500L, A_DEC, 1230L),
                Map.of(A_NOV, 4, A_DEC, 1));

        assertThat(r.allMatch()).isTrue();
        assertThat(r.summaryLine()).isEqualTo("reconciliation: 2 account-months, 2 match, 0 differ");
    }

    @Test
    void of_oneGramOffOrMissingOrExtra_differs() {
        AccountMonth extra = new AccountMonth("acct-3", "2026-11");
        Reconciliation r = Reconciliation.of(Map.of(A_NOV, 4500L, A_DEC, 1230L, B_NOV, 0L),
                Map.of(A_NOV, 4499L, extra, 1500L), Map.of());

        assertThat(r.accountMonths()).isEqualTo(4);
        assertThat(r.differences()).extracting(Reconciliation.Row::key).containsExactly(A_NOV, A_DEC, extra);
        assertThat(r.summaryLine()).isEqualTo("reconciliation: 4 account-months, 1 match, 3 differ");
        assertThat(r.table(0)).contains("DIFFERS").contains("acct-3");
    }
}

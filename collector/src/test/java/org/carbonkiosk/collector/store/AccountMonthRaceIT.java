package org.carbonkiosk.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.MonthTotals;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Transactions of two stores (two collectors) racing on one account's month: the cap holds.
 * Each transaction reads the month, decides, and writes, as the decision pipeline does.
 */
@Tag("machine-services")
class AccountMonthRaceIT {
    private static final int ATTEMPTS = 40;

    @Test
    void sqlite_twoStoresRacing_capHolds() throws Exception {
        Path dir = Files.createTempDirectory("race");
        race("jdbc:sqlite:" + dir.resolve("race.db"));
    }

    @Test
    void postgres_twoStoresRacing_capHolds() throws Exception {
        String base = System.getProperty("kiosk.it.pgUrl", "");
        Assumptions.assumeFalse(base.isBlank(), "kiosk.it.pgUrl not set");
        race(org.carbonkiosk.collector.PgSchemaAccess.fresh());
    }

    private static void race(String url) throws Exception {
        CreditRule rule = CreditRule.defaults();
        try (Store one = Store.open(url, 4); Store two = Store.open(url, 4)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> credits = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                Store store = i % 2 == 0 ? one : two;
                credits.add(pool.submit(() -> {
                    go.await();
                    return store.db().write(c -> {
                        MonthTotals t = store.months().lock(c, "acct-race", "2026-11");
                        int grams = rule.decide(1000, t).creditedGrams();
                        store.months().save(c, "acct-race", "2026-11", t.plus(grams));
                        return grams;
                    });
                }));
            }
            go.countDown();
            int sum = 0;
            for (Future<Integer> f : credits) {
                sum += f.get();
            }
            pool.shutdown();
            assertThat(sum).isEqualTo(4500);
            MonthTotals total = one.db().read(c -> one.months().find(c, "acct-race", "2026-11")).orElseThrow();
            assertThat(total).isEqualTo(new MonthTotals(4500, ATTEMPTS, 3));
        }
    }
}

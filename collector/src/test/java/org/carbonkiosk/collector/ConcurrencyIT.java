package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Many deposits for one account from several kiosks at once never exceed the cap in total. */
@Tag("machine-services")
class ConcurrencyIT {
    static final int KIOSKS = 5;
    static final int DEPOSITS_EACH = 8;

    @Test
    void manyKiosksOneAccount_totalNeverExceedsCap() throws Exception {
        try (Fixture f = new Fixture()) {
            assertCapHolds(f, List.of(f));
        }
    }

    /** Publishes from several kiosks at once (bound through the first collector) and checks the totals. */
    static void assertCapHolds(Fixture first, List<Fixture> all) throws Exception {
        List<TestKiosk> kiosks = new ArrayList<>();
        String account = "race-" + TestKiosk.uniqueId("A");
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < KIOSKS; i++) {
            kiosks.add(first.kiosk("CC"));
            cards.add(first.boundCard(account + "-card-" + i, account));
        }
        List<List<DepositEvent>> perKiosk = new ArrayList<>();
        for (int i = 0; i < KIOSKS; i++) {
            List<DepositEvent> events = new ArrayList<>();
            for (int j = 0; j < DEPOSITS_EACH; j++) {
                events.add(kiosks.get(i).deposit(cards.get(i), 700, Fixture.NOW));
            }
            perKiosk.add(events);
        }
        ExecutorService pool = Executors.newFixedThreadPool(KIOSKS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < KIOSKS; i++) {
                TestKiosk k = kiosks.get(i);
                List<DepositEvent> events = perKiosk.get(i);
                pool.submit(() -> {
                    go.await();
                    events.forEach(k::send);
                    return null;
                });
            }
            go.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int i = 0; i < KIOSKS; i++) {
                    for (DepositEvent e : perKiosk.get(i)) {
                        if (kiosks.get(i).receipt(e.eventId()).isEmpty()) {
                            return false;
                        }
                    }
                }
                return true;
            });
            int sum = 0;
            int positive = 0;
            for (int i = 0; i < KIOSKS; i++) {
                for (DepositEvent e : perKiosk.get(i)) {
                    Receipt r = kiosks.get(i).receipt(e.eventId()).orElseThrow();
                    sum += r.creditedGrams();
                    positive += r.creditedGrams() > 0 ? 1 : 0;
                    assertThat(r.monthCreditedGrams().orElseThrow()).isLessThanOrEqualTo(4500);
                }
            }
            // 700 g earns 1050 g: four whole credits and 300 g of a fifth reach the cap.
            assertThat(sum).isEqualTo(4500);
            assertThat(positive).isEqualTo(5);
            for (Fixture f : all) {
                var month = f.api.get("/api/accounts/" + account + "/months/2026-11").json();
                assertThat(month.get("creditedGrams").asInt()).isEqualTo(4500);
                assertThat(month.get("deposits").asInt()).isEqualTo(KIOSKS * DEPOSITS_EACH);
            }
        } finally {
            pool.shutdownNow();
            kiosks.forEach(TestKiosk::close);
        }
    }
}

package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.collector.credit.CreditRule;
import org.carbonkiosk.collector.credit.MonthTotals;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.Decision;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL section 5, decision order: a kiosk's events published back to back are decided in
 * seq order, so the receipts and month totals are what the resident expects, on the embedded
 * broker and (machine-services) on the machine's Mosquitto.
 */
@Tag("machine-services")
class DecisionOrderIT {
    private static final int[] WEIGHTS = {820, 1500, 1200, 1000, 500, 60, 2000, 49, 300, 700, 900, 1100, 1300, 150,
            250, 350, 450, 550, 650, 750, 850, 950, 1050, 1150, 1250};

    @Test
    void twentyFiveDepositsBackToBack_decidedInSeqOrder() {
        try (Fixture f = new Fixture(); TestKiosk k = f.kiosk("ORD")) {
            String account = "order-" + k.deviceId;
            String card = f.boundCard(account, account);
            List<DepositEvent> deposits = new ArrayList<>();
            for (int net : WEIGHTS) {
                deposits.add(k.deposit(card, net, Fixture.NOW));
            }
            deposits.forEach(k::sendAsync);
            await().atMost(Duration.ofSeconds(60)).until(() -> k.receipts.size() >= WEIGHTS.length);

            List<String> expected = new ArrayList<>();
            MonthTotals soFar = MonthTotals.EMPTY;
            for (int i = 0; i < WEIGHTS.length; i++) {
                Decision d = CreditRule.defaults().decide(WEIGHTS[i], soFar);
                soFar = soFar.plus(d.creditedGrams());
                expected.add(deposits.get(i).eventId() + " " + d.creditedGrams() + " "
                        + d.reason().map(r -> r.wire()).orElse("-"));
            }
            List<String> received = new ArrayList<>();
            for (Receipt r : k.receipts) {
                received.add(r.eventId() + " " + r.creditedGrams() + " " + r.reason().map(x -> x.wire()).orElse("-"));
            }
            // the first deposit is credited, the cap is met by the fourth: in seq order, receipts in that order
            assertThat(received).containsExactlyElementsOf(expected);
            assertThat(k.receipts.get(0).creditedGrams()).isEqualTo(1230);
            assertThat(k.receipts.get(3).monthCreditedGrams()).contains(4500);
            assertThat(f.api.get("/api/accounts/" + account + "/months/2026-11").json().get("creditedGrams").asInt())
                    .isEqualTo(4500);
        }
    }
}

package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("machine-services")
class HappyPathIT {
    static TestBroker broker;
    static CollectorApp app;
    static Api api;
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-21T09:12:33.120+08:00");
    static final MutableClock CLOCK = new MutableClock(NOW.toInstant());

    @BeforeAll
    static void start() {
        broker = TestBroker.shared();
        app = CollectorHarness.start(CollectorHarness.config(broker.url()), CLOCK);
        api = new Api(app);
    }

    @AfterAll
    static void stop() {
        app.close();

    }

    @Test
    void deposit_boundCard_isCreditedWithReceiptAndQueryable() {
        try (TestKiosk kiosk = new TestKiosk(broker.url(), TestKiosk.uniqueId("HP"))) {
            api.register(kiosk);
            String card = TestKiosk.card(kiosk.deviceId);
            assertThat(api.bind(card, "acct-" + kiosk.deviceId).status()).isEqualTo(200);

            DepositEvent d = kiosk.deposit(card, 820, NOW);
            kiosk.send(d);

            await().atMost(Duration.ofSeconds(20)).until(() -> kiosk.receipt(d.eventId()).isPresent());
            var receipt = kiosk.receipt(d.eventId()).orElseThrow();
            assertThat(receipt.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(receipt.creditedGrams()).isEqualTo(1230);
            assertThat(receipt.monthCreditedGrams()).contains(1230);
            assertThat(receipt.monthCapGrams()).contains(4500);
            assertThat(receipt.repeat()).isFalse();

            var event = api.get("/api/events/" + d.eventId());
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.json().get("creditedGrams").asInt()).isEqualTo(1230);
            var month = api.get("/api/accounts/acct-" + kiosk.deviceId + "/months/2026-11");
            assertThat(month.json().get("creditedGrams").asInt()).isEqualTo(1230);
            assertThat(month.json().get("deposits").asInt()).isEqualTo(1);
            var device = api.get("/api/devices/" + kiosk.deviceId);
            assertThat(device.json().get("lastSeq").asLong()).isEqualTo(1);
        }
    }
}

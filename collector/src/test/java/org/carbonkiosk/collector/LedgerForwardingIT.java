package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ledger forwarding (PROTOCOL.md section 7) against a real HTTP test ledger. */
@Tag("machine-services")
class LedgerForwardingIT {
    static TestLedger ledger;
    static Fixture f;

    @BeforeAll
    static void start() throws IOException {
        ledger = new TestLedger();
        f = new Fixture(Map.of("ledger.url", ledger.url(), "ledger.token", "ledger-secret",
                "ledger.timeout", "500ms", "ledger.backoffInitial", "100ms", "ledger.backoffMax", "1s"));
    }

    @AfterAll
    static void stop() {
        f.close();
        ledger.close();
    }

    private static boolean forwarded(String eventId) {
        return f.api.get("/api/events/" + eventId).json().get("forwarded").asBoolean();
    }

    @Test
    void credit_isForwardedWithTheContractBody() {
        ledger.mode = TestLedger.Mode.UP;
        try (TestKiosk k = f.kiosk("LF")) {
            String card = f.boundCard("fwd-" + k.deviceId, "fwd-" + k.deviceId);
            DepositEvent d = k.deposit(card, 820, Fixture.NOW);
            String jws = k.send(d);
            Fixture.awaitReceipt(k, d.eventId());
            await().atMost(Duration.ofSeconds(20)).until(() -> forwarded(d.eventId()));
            CreditRequest c = ledger.credits.get(d.eventId());
            assertThat(c).isEqualTo(new CreditRequest(d.eventId(), "fwd-" + k.deviceId, 1230, "2026-11",
                    "2026-11-21T09:12:33.120+08:00", k.deviceId, 820, "renewable-recycling", "wuhan-recycling-2025",
                    jws));
            assertThat(ledger.idempotencyKeys).contains(d.eventId());
        }
    }

    @Test
    void ledgerTimesOutAfterStoring_exactlyOneCredit() {
        try (TestKiosk k = f.kiosk("LF")) {
            String card = f.boundCard("slow-" + k.deviceId, "slow-" + k.deviceId);
            ledger.mode = TestLedger.Mode.SLOW_AFTER_STORE;
            int before = ledger.attempts.get();
            DepositEvent d = k.deposit(card, 820, Fixture.NOW);
            k.send(d);
            Fixture.awaitReceipt(k, d.eventId());
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger.credits.containsKey(d.eventId()));
            ledger.mode = TestLedger.Mode.UP;
            await().atMost(Duration.ofSeconds(20)).until(() -> forwarded(d.eventId()));
            assertThat(ledger.attempts.get() - before).isGreaterThanOrEqualTo(2); // timed out, then sent again
            assertThat(ledger.arrivals.stream().filter(d.eventId()::equals)).hasSize(1);
        }
    }

    @Test
    void ledgerDownForAWhile_everythingForwardedAfter_inOrderPerAccount() {
        try (TestKiosk k1 = f.kiosk("LF"); TestKiosk k2 = f.kiosk("LF")) {
            String a = "down-a-" + k1.deviceId;
            String b = "down-b-" + k1.deviceId;
            String cardA = f.boundCard("down-a-" + k1.deviceId, a);
            String cardB = f.boundCard("down-b-" + k1.deviceId, b);
            ledger.mode = TestLedger.Mode.DOWN;
            List<String> orderA = new ArrayList<>();
            List<String> orderB = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DepositEvent da = k1.deposit(cardA, 300, Fixture.NOW);
                k1.send(da);
                Fixture.awaitReceipt(k1, da.eventId());
                orderA.add(da.eventId());
                DepositEvent db = k2.deposit(cardB, 300, Fixture.NOW);
                k2.send(db);
                Fixture.awaitReceipt(k2, db.eventId());
                orderB.add(db.eventId());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.attempts.get() > 3);
            assertThat(f.api.get("/health").json().get("ledger").get("pending").asInt()).isGreaterThanOrEqualTo(6);
            ledger.mode = TestLedger.Mode.UP;
            await().atMost(Duration.ofSeconds(30)).until(() -> orderA.stream().allMatch(ledger.credits::containsKey)
                    && orderB.stream().allMatch(ledger.credits::containsKey));
            assertThat(ledger.arrivals.stream().filter(orderA::contains).toList()).containsExactlyElementsOf(orderA);
            assertThat(ledger.arrivals.stream().filter(orderB::contains).toList()).containsExactlyElementsOf(orderB);
            assertThat(f.api.text("/metrics")).contains("kiosk_ledger_failures_total{kind=\"retry\"}");
        }
    }

    @Test
    void refusedCredit_isDeadLetter_untilOperatorRetry() {
        ledger.mode = TestLedger.Mode.UP;
        try (TestKiosk k = f.kiosk("LF")) {
            String card = f.boundCard("dead-" + k.deviceId, "dead-" + k.deviceId);
            DepositEvent d = k.deposit(card, 820, Fixture.NOW);
            ledger.refuse.add(d.eventId());
            k.send(d);
            Fixture.awaitReceipt(k, d.eventId());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    f.api.get("/api/ledger/dead-letters").json().toString().contains(d.eventId()));
            DepositEvent later = k.deposit(card, 820, Fixture.NOW);
            k.send(later);
            await().atMost(Duration.ofSeconds(20)).until(() -> forwarded(later.eventId())); // not blocked
            assertThat(forwarded(d.eventId())).isFalse();

            String retry = "/api/ledger/dead-letters/" + d.eventId() + "/retry";
            assertThat(f.api.postNoAuth(retry, StrictJson.newObject()).status()).isEqualTo(401);
            ledger.refuse.remove(d.eventId());
            assertThat(f.api.post(retry, StrictJson.newObject()).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> forwarded(d.eventId()));
            assertThat(f.api.get("/api/ledger/dead-letters").json().toString()).doesNotContain(d.eventId());
        }
    }
}

package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.List;
import org.carbonkiosk.collector.store.Dialect;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two collectors sharing one PostgreSQL database and the MQTT shared subscription. */
@Tag("machine-services")
class PostgresCollectorsIT {
    @Test
    void twoCollectorsOneDatabase_capHoldsAcrossBoth() throws Exception {
        String url = PgSchema.fresh();
        try (Fixture a = new Fixture(Map.of("db.url", url)); Fixture b = new Fixture(Map.of("db.url", url))) {
            assertThat(a.app.dialect()).isEqualTo(Dialect.POSTGRES);
            ConcurrencyIT.assertCapHolds(a, List.of(a, b));
            // the shared subscription gave work to both
            long byA = a.app.metrics().decisionTotal();
            long byB = b.app.metrics().decisionTotal();
            System.out.println("decisions: a=" + byA + " b=" + byB);
            assertThat(byA + byB).isEqualTo(ConcurrencyIT.KIOSKS * ConcurrencyIT.DEPOSITS_EACH);
            if (!System.getProperty("kiosk.it.mqttUrl", "").isBlank()) {
                // Mosquitto spreads a shared subscription round-robin; HiveMQ CE may give one member everything.
                assertThat(byA).isPositive();
                assertThat(byB).isPositive();
            }
        }
    }

    /**
     * Two collectors on one PostgreSQL; one dies between a commit and its acknowledgements in the
     * middle of a burst. The kiosks resend what has no receipt, as real ones do; the survivor
     * decides it, and the dead one, restarted on its session, answers its redelivered messages
     * from the stored decisions. Every event is decided once and every month total is exact.
     */
    @Test
    void oneOfTwoCollectorsKilledMidBurst_everyEventDecidedOnce_totalsExact() throws Exception {
        String url = PgSchema.fresh();
        TestBroker broker = TestBroker.shared();
        MutableClock clock = new MutableClock(Fixture.NOW.toInstant());
        CollectorConfig configA = CollectorHarness.config(broker.url(), Map.of("db.url", url));
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch crashed = new java.util.concurrent.CountDownLatch(1);
        CollectorApp a = CollectorHarness.start(configA, clock, decided -> {
            if (commits.incrementAndGet() == 1) {
                crashed.countDown();
                new java.util.concurrent.CountDownLatch(1).await(); // the "crash": until halted
            }
        });
        CollectorApp b = CollectorHarness.start(CollectorHarness.config(broker.url(), Map.of("db.url", url)), clock);
        Api api = new Api(b);
        List<TestKiosk> kiosks = new java.util.ArrayList<>();
        CollectorApp restarted = null;
        try {
            for (int i = 0; i < 4; i++) {
                TestKiosk k = new TestKiosk(broker.url(), TestKiosk.uniqueId("PK"));
                api.register(k);
                api.bind(TestKiosk.card("pk-" + k.deviceId), "pk-" + k.deviceId);
                kiosks.add(k);
            }
            for (int j = 0; j < 25; j++) {
                for (TestKiosk k : kiosks) {
                    k.sendAsync(k.deposit(TestKiosk.card("pk-" + k.deviceId), 700, Fixture.NOW));
                }
            }
            // the shared subscription also hands messages to offline sessions of earlier tests' collectors:
            // the kiosks resend what has no receipt until the first collector has committed something
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                    .pollInterval(java.time.Duration.ofSeconds(3)).until(() -> {
                        if (crashed.getCount() > 0) {
                            kiosks.forEach(TestKiosk::resendUnanswered);
                        }
                        return crashed.getCount() == 0;
                    });
            a.halt();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                    .pollInterval(java.time.Duration.ofSeconds(3)).until(() -> {
                        kiosks.forEach(TestKiosk::resendUnanswered);
                        return kiosks.stream().allMatch(k -> k.unanswered() == 0);
                    });
            restarted = CollectorHarness.start(configA, clock);
            for (TestKiosk k : kiosks) {
                // 25 deposits of 700 g: 1050 g each, 4500 g a month at most
                var month = api.get("/api/accounts/pk-" + k.deviceId + "/months/2026-11").json();
                assertThat(month.get("creditedGrams").asInt()).isEqualTo(4500);
                assertThat(month.get("deposits").asInt()).isEqualTo(25);
                var device = api.get("/api/devices/" + k.deviceId).json();
                assertThat(device.get("lastSeq").asLong()).isEqualTo(25);
                assertThat(device.get("missingSeqs")).isEmpty();
                for (long seq = 1; seq <= 25; seq++) {
                    assertThat(api.get("/api/events/" + k.deviceId + ":" + seq).json().get("status").asText())
                            .isEqualTo("credited");
                }
            }
        } finally {
            a.halt(); // never leave a hung member in the shared subscription for the next tests
            kiosks.forEach(TestKiosk::close);
            if (restarted != null) {
                restarted.close();
            }
            b.close();
        }
    }

    @Test
    void reasonCodesAndRepeats_onPostgres() {
        String url = PgSchema.fresh();
        try (Fixture f = new Fixture(Map.of("db.url", url)); TestKiosk k = f.kiosk("PG")) {
            String card = f.boundCard("pg-" + k.deviceId, "pg-" + k.deviceId);
            var d = k.deposit(card, 820, Fixture.NOW);
            k.send(d);
            assertThat(Fixture.awaitReceipt(k, d.eventId()).creditedGrams()).isEqualTo(1230);
            k.send(d);
            org.awaitility.Awaitility.await().until(() -> k.receipts(d.eventId()).size() == 2);
            assertThat(k.receipts(d.eventId()).get(1).repeat()).isTrue();
            String unbound = TestKiosk.card("pg-unbound-" + k.deviceId);
            var held = k.deposit(unbound, 820, Fixture.NOW);
            k.send(held);
            Fixture.awaitReceipt(k, held.eventId());
            assertThat(f.api.bind(unbound, "pg-late-" + k.deviceId).json().get("released").get(0)
                    .get("creditedGrams").asInt()).isEqualTo(1230);
            assertThat(f.api.get("/api/events/" + held.eventId()).json().get("status").asText()).isEqualTo("credited");
        }
    }
}

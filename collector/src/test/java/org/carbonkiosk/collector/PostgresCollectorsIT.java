package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

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
        try (Fixture a = new Fixture(c -> c.withDbUrl(url)); Fixture b = new Fixture(c -> c.withDbUrl(url))) {
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

    @Test
    void reasonCodesAndRepeats_onPostgres() {
        String url = PgSchema.fresh();
        try (Fixture f = new Fixture(c -> c.withDbUrl(url)); TestKiosk k = f.kiosk("PG")) {
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

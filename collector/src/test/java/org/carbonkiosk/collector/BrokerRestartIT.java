package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;

/** The broker restarts under a running collector: it reconnects, resumes its session and goes on deciding. */
class BrokerRestartIT {
    @Test
    void brokerRestart_collectorReconnectsAndDecides() {
        // HiveMQ CE embedded runs once per JVM: restart the shared one (only when it is embedded).
        java.util.Optional<EmbeddedBroker> embedded = TestBroker.shared().embedded();
        org.junit.jupiter.api.Assumptions.assumeTrue(embedded.isPresent(), "needs the embedded broker");
        EmbeddedBroker broker = embedded.get();
        {
            MutableClock clock = new MutableClock(Fixture.NOW.toInstant());
            try (CollectorApp app = CollectorHarness.start(CollectorHarness.config(broker.url()), clock)) {
                Api api = new Api(app);
                String account = "restart-" + TestKiosk.uniqueId("A");
                String card = TestKiosk.card(account);
                String deviceId = TestKiosk.uniqueId("BR");
                org.carbonkiosk.protocol.jws.Ed25519KeyPair key;
                try (TestKiosk k = new TestKiosk(broker.url(), deviceId)) {
                    key = k.key;
                    api.register(k);
                    api.bind(card, account);
                    assertThat(Fixture.deposit(k, card, 820, Fixture.NOW).creditedGrams()).isEqualTo(1230);
                }
                broker.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health").status() == 503);
                broker.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health").status() == 200);
                try (TestKiosk k = new TestKiosk(broker.url(), deviceId)) {
                    k.key = key;
                    k.seq.set(1);
                    assertThat(Fixture.deposit(k, card, 820, Fixture.NOW).monthCreditedGrams()).contains(2460);
                }
            }
        }
    }
}

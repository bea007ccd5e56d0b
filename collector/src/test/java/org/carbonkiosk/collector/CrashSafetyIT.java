package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carbonkiosk.collector.pipeline.CommitListener;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collector dies between the commit of a decision and the MQTT acknowledgement; restarted
 * on the same data and session, the redelivered message is answered from the stored decision.
 */
@Tag("machine-services")
class CrashSafetyIT {
    @Test
    void killedBetweenCommitAndAck_restart_noDoubleCredit_receiptStillSent() {
        TestBroker broker = TestBroker.shared();
        MutableClock clock = new MutableClock(Fixture.NOW.toInstant());
        CollectorConfig config = CollectorHarness.config(broker.url());
        CountDownLatch committed = new CountDownLatch(1);
        AtomicBoolean crash = new AtomicBoolean(true);
        CommitListener dieAfterCommit = decided -> {
            if (crash.get()) {
                committed.countDown();
                new CountDownLatch(1).await(); // hangs until the "crash" interrupts it
            }
        };
        CollectorApp first = CollectorHarness.start(config, clock, dieAfterCommit);
        Api api = new Api(first);
        try (TestKiosk k = new TestKiosk(broker.url(), TestKiosk.uniqueId("CR"))) {
            api.register(k);
            String account = "crash-" + k.deviceId;
            api.bind(TestKiosk.card(account), account);
            crash.set(true);
            DepositEvent d = k.deposit(TestKiosk.card(account), 820, Fixture.NOW);
            k.send(d);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.getCount() == 0);
            first.halt(); // decision committed, no receipt, no acknowledgement
            assertThat(k.receipt(d.eventId())).isEmpty();

            crash.set(false);
            try (CollectorApp second = CollectorHarness.start(config, clock)) {
                Api api2 = new Api(second);
                Receipt r = Fixture.awaitReceipt(k, d.eventId()); // the broker delivers the unacknowledged message again
                assertThat(r.repeat()).isTrue();
                assertThat(r.creditedGrams()).isEqualTo(1230);
                assertThat(api2.get("/api/accounts/" + account + "/months/2026-11").json().get("creditedGrams").asInt())
                        .isEqualTo(1230);
                assertThat(api2.get("/api/accounts/" + account + "/months/2026-11").json().get("deposits").asInt())
                        .isEqualTo(1);

                // the device's own resend (same bytes) changes nothing either
                k.publishRaw(org.carbonkiosk.protocol.Topics.event(k.deviceId), k.sign(d)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                await().atMost(Duration.ofSeconds(20)).until(() -> k.receipts(d.eventId()).size() >= 2);
                assertThat(k.receipts(d.eventId())).allMatch(x -> x.creditedGrams() == 1230 && x.repeat());
                assertThat(api2.get("/api/accounts/" + account + "/months/2026-11").json().get("creditedGrams").asInt())
                        .isEqualTo(1230);
            }
        }
    }
}

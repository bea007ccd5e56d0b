package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A backlog of 5,000 events, the way a city-wide outage leaves it: waiting in the collector's
 * persistent session when it starts, or arriving while it is restarted in the middle of the
 * burst. Every event is decided exactly once (each kiosk's account totals are exact), every
 * kiosk gets its receipts, and the event connection never falls into a reconnect loop. The
 * broker may drop what exceeds its queue limit (Mosquitto's default is 1,000 per session): the
 * kiosks resend what has no receipt, as real ones do. On the machine's Mosquitto in CI.
 */
@Tag("machine-services")
class BacklogIT {
    private static final int KIOSKS = 50;
    private static final int EVENTS_PER_KIOSK = 100;

    @Test
    void collectorStartedWith5000EventsWaiting_decidesEachExactlyOnce_noReconnectLoop() throws Exception {
        TestBroker broker = TestBroker.shared();
        MutableClock clock = new MutableClock(Fixture.NOW.toInstant());
        CollectorConfig config = CollectorHarness.config(broker.url(), Map.of("mqtt.sessionExpiry", "5m"));
        CollectorApp first = CollectorHarness.start(config, clock);
        List<TestKiosk> kiosks = fleet(new Api(first));
        first.halt(); // offline, its session kept: what the kiosks publish now waits there
        try {
            publishAll(kiosks);
            try (CollectorApp second = CollectorHarness.start(config, clock)) {
                drain(kiosks);
                assertExactlyOnce(new Api(second), kiosks);
                assertThat(gauge(second, "kiosk_mqtt_event_disconnects")).isZero();
            }
        } finally {
            kiosks.forEach(TestKiosk::close);
        }
    }

    @Test
    void collectorRestartedInTheMiddleOfABurst_decidesEachExactlyOnce() throws Exception {
        TestBroker broker = TestBroker.shared();
        MutableClock clock = new MutableClock(Fixture.NOW.toInstant());
        CollectorConfig config = CollectorHarness.config(broker.url(), Map.of("mqtt.sessionExpiry", "5m"));
        CollectorApp first = CollectorHarness.start(config, clock);
        List<TestKiosk> kiosks = fleet(new Api(first));
        try {
            publishAll(kiosks);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.metrics().decisionTotal() >= 1000);
            first.halt(); // a crash: decided but unacknowledged messages come back
            try (CollectorApp second = CollectorHarness.start(config, clock)) {
                drain(kiosks);
                assertExactlyOnce(new Api(second), kiosks);
                assertThat(gauge(second, "kiosk_mqtt_event_disconnects")).isZero();
            }
        } finally {
            kiosks.forEach(TestKiosk::close);
        }
    }

    private static List<TestKiosk> fleet(Api api) {
        List<TestKiosk> kiosks = new ArrayList<>();
        for (int i = 0; i < KIOSKS; i++) {
            TestKiosk k = new TestKiosk(TestBroker.shared().url(), TestKiosk.uniqueId("BL"));
            api.register(k);
            api.bind(TestKiosk.card(account(k)), account(k));
            kiosks.add(k);
        }
        return kiosks;
    }

    private static String account(TestKiosk k) {
        return "backlog-" + k.deviceId;
    }

    /** Each kiosk: three deposits that reach the monthly cap, then 97 that find it used up. */
    private static void publishAll(List<TestKiosk> kiosks) {
        for (int i = 0; i < EVENTS_PER_KIOSK; i++) {
            for (TestKiosk k : kiosks) {
                k.sendAsync(k.deposit(TestKiosk.card(account(k)), 1000, Fixture.NOW));
            }
        }
    }

    /** Waits for every receipt, resending what has none every 3 s (a kiosk's resend, shortened). */
    private static void drain(List<TestKiosk> kiosks) {
        long[] lastResend = {System.nanoTime()};
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long open = kiosks.stream().mapToLong(TestKiosk::unanswered).sum();
            if (open > 0 && System.nanoTime() - lastResend[0] > Duration.ofSeconds(3).toNanos()) {
                kiosks.forEach(TestKiosk::resendUnanswered);
                lastResend[0] = System.nanoTime();
            }
            return open == 0;
        });
    }

    private static void assertExactlyOnce(Api api, List<TestKiosk> kiosks) {
        for (TestKiosk k : kiosks) {
            var month = api.get("/api/accounts/" + account(k) + "/months/2026-11").json();
            assertThat(month.get("deposits").asInt()).as(k.deviceId).isEqualTo(EVENTS_PER_KIOSK);
            assertThat(month.get("creditedGrams").asInt()).as(k.deviceId).isEqualTo(4500);
            assertThat(month.get("countedDeposits").asInt()).as(k.deviceId).isEqualTo(3);
            var device = api.get("/api/devices/" + k.deviceId).json();
            assertThat(device.get("lastSeq").asLong()).isEqualTo(EVENTS_PER_KIOSK);
            assertThat(device.get("missingSeqs")).isEmpty();
        }
    }

    private static long gauge(CollectorApp app, String name) {
        for (String line : app.metrics().scrape().split("\n")) {
            if (line.startsWith(name + " ")) {
                return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no gauge " + name);
    }
}

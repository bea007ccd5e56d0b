package org.carbonkiosk.collector;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.message.Receipt;

/** A collector on the shared test broker with a settable clock, plus kiosks. */
final class Fixture implements AutoCloseable {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-21T09:12:33.120+08:00");
    final TestBroker broker = TestBroker.shared();
    final MutableClock clock = new MutableClock(NOW.toInstant());
    final CollectorConfig config;
    CollectorApp app;
    Api api;

    Fixture() {
        this(Map.of());
    }

    /** With {@code settings} (keys as in a file: {@code "ledger.url" -> url}) added to the test defaults. */
    Fixture(Map<String, String> settings) {
        config = CollectorHarness.config(broker.url(), settings);
        app = CollectorHarness.start(config, clock);
        api = new Api(app);
    }

    /** A registered kiosk with a unique id. */
    TestKiosk kiosk(String prefix) {
        TestKiosk k = new TestKiosk(broker.url(), TestKiosk.uniqueId(prefix));
        api.register(k);
        return k;
    }

    /** A card token bound to {@code account}. */
    String boundCard(String seed, String account) {
        String card = TestKiosk.card(seed);
        api.bind(card, account);
        return card;
    }

    static Receipt awaitReceipt(TestKiosk kiosk, String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> kiosk.receipt(eventId).isPresent());
        return kiosk.receipt(eventId).orElseThrow();
    }

    /** Sends a deposit and waits for its receipt. */
    static Receipt deposit(TestKiosk kiosk, String card, int net, OffsetDateTime at) {
        DepositEvent d = kiosk.deposit(card, net, at);
        kiosk.send(d);
        return awaitReceipt(kiosk, d.eventId());
    }

    @Override
    public void close() {
        app.close();
    }
}

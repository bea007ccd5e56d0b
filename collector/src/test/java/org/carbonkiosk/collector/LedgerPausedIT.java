package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No ledger URL: credits wait in the outbox; paused is visible in /health and /metrics. */
@Tag("machine-services")
class LedgerPausedIT {
    @Test
    void noLedgerUrl_forwardingPausedAndVisible() {
        try (Fixture f = new Fixture(); TestKiosk k = f.kiosk("LP")) {
            String card = f.boundCard("paused-" + k.deviceId, "paused-" + k.deviceId);
            DepositEvent d = k.deposit(card, 820, Fixture.NOW);
            k.send(d);
            Fixture.awaitReceipt(k, d.eventId());
            var health = f.api.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("up");
            assertThat(health.json().get("ledger").get("forwarding").asText()).isEqualTo("paused");
            assertThat(health.json().get("ledger").get("pending").asInt()).isEqualTo(1);
            String metrics = f.api.text("/metrics");
            assertThat(metrics).contains("kiosk_ledger_paused 1").contains("kiosk_ledger_backlog 1")
                    .contains("kiosk_events_total{reason=\"\",repeat=\"false\",status=\"credited\"} 1");
            assertThat(f.api.get("/api/events/" + d.eventId()).json().get("forwarded").asBoolean()).isFalse();
        }
    }

    @Test
    void writesWithoutToken_areRefusedWithJsonError() {
        try (Fixture f = new Fixture()) {
            var a = f.api.postNoAuth("/api/devices", org.carbonkiosk.protocol.json.StrictJson.newObject());
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(f.api.get("/api/events/NOPE-0001:1").status()).isEqualTo(404);
            assertThat(f.api.get("/api/events/NOPE-0001:1").json().has("message")).isTrue();
        }
    }
}

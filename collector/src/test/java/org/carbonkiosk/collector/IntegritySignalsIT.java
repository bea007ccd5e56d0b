package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The integrity signals of PROTOCOL.md v1.1 through the real pipeline: signed events over the
 * broker, decided on SQLite, answered with receipts, reviewed and reported over HTTP.
 */
@Tag("machine-services")
class IntegritySignalsIT {
    static Fixture f;
    static final OffsetDateTime T = Fixture.NOW.minusMinutes(30);
    static final String SERVICE_CARD = TestKiosk.card("hauler-1");

    @BeforeAll
    static void start() {
        f = new Fixture(Map.of("integrity.flagOnImbalance", "true"));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static TestKiosk binKiosk() {
        TestKiosk k = new TestKiosk(f.broker.url(), TestKiosk.uniqueId("IS"));
        k.scaleMode = "bin";
        f.api.register(k);
        return k;
    }

    private static Receipt deposit(TestKiosk k, String card, Material m, int tare, int gross, OffsetDateTime at) {
        DepositEvent d = DepositEvent.of(k.envelope(at, true), card, m, tare, gross, Optional.of(at.minusDays(30)));
        k.send(d);
        return Fixture.awaitReceipt(k, d.eventId());
    }

    private static Receipt emptied(TestKiosk k, int removed, int after, OffsetDateTime at) {
        BinEmptiedEvent b = new BinEmptiedEvent(k.envelope(at, true), removed, SERVICE_CARD, after);
        k.send(b);
        return Fixture.awaitReceipt(k, b.eventId());
    }

    private static void assertHeld(Receipt r, Reason reason) {
        assertThat(r.status()).isEqualTo(DecisionStatus.HELD);
        assertThat(r.reason()).contains(reason);
        assertThat(r.creditedGrams()).isZero();
    }

    private static JsonNode signal(String eventId) {
        JsonNode signals = f.api.get("/api/events/" + eventId).json().get("signals");
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }

    @Test
    void weightChain_heldWithEvidence_emptyingBetween_notHeld_approvalCreditsUnderTheCap() {
        try (TestKiosk k = binKiosk()) {
            String card = f.boundCard("wc-" + k.deviceId, "wc-" + k.deviceId);
            assertThat(deposit(k, card, Material.MIXED, 200, 1200, T).creditedGrams()).isEqualTo(1500);
            Receipt taken = deposit(k, card, Material.MIXED, 400, 1400, T.plusMinutes(1));
            assertHeld(taken, Reason.WEIGHT_CHAIN);
            JsonNode s = signal(taken.eventId());
            assertThat(s.get("reason").asText()).isEqualTo("weight-chain");
            assertThat(s.get("evidence").get("previousGrossGrams").asInt()).isEqualTo(1200);
            assertThat(s.get("evidence").get("gapGrams").asInt()).isEqualTo(800);
            assertThat(deposit(k, card, Material.MIXED, 1400, 2400, T.plusMinutes(3)).creditedGrams()).isEqualTo(1500);
            assertThat(deposit(k, card, Material.MIXED, 2400, 3400, T.plusMinutes(4)).creditedGrams())
                    .isEqualTo(1500);

            ObjectNode approve = StrictJson.newObject();
            approve.put("approve", true);
            approve.put("note", "bag re-weighed on site");
            Api.Answer a = f.api.post("/api/events/" + taken.eventId() + "/review", approve);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().get("status").asText()).isEqualTo("credited");
            assertThat(a.json().get("creditedGrams").asInt()).isZero(); // the month's cap was used up meanwhile
            assertThat(f.api.get("/api/accounts/wc-" + k.deviceId + "/months/2026-11").json()
                    .get("creditedGrams").asInt()).isEqualTo(4500);
        }
    }

    @Test
    void weightChain_binEmptiedBetweenTwoDeposits_notHeld() {
        try (TestKiosk k = binKiosk()) {
            String card = f.boundCard("be-" + k.deviceId, "be-" + k.deviceId);
            deposit(k, card, Material.MIXED, 100, 3100, T);
            assertThat(emptied(k, 3000, 100, T.plusMinutes(2)).status()).isEqualTo(DecisionStatus.CREDITED);
            Receipt after = deposit(k, card, Material.MIXED, 100, 900, T.plusMinutes(3));
            assertThat(after.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(after.creditedGrams()).isEqualTo(1200);
        }
    }

    @Test
    void weightChain_rejectedOnReview_recordsWhoAndWhy() {
        try (TestKiosk k = binKiosk()) {
            String card = f.boundCard("rj-" + k.deviceId, "rj-" + k.deviceId);
            deposit(k, card, Material.MIXED, 0, 2000, T);
            Receipt taken = deposit(k, card, Material.MIXED, 500, 1500, T.plusMinutes(1));
            ObjectNode reject = StrictJson.newObject();
            reject.put("reject", true);
            reject.put("note", "camera shows the bag taken out and put back");
            assertThat(f.api.post("/api/events/" + taken.eventId() + "/review", reject).json().get("status").asText())
                    .isEqualTo("rejected");
            JsonNode review = f.api.get("/api/events/" + taken.eventId() + "/reviews").json().get(0);
            assertThat(review.get("action").asText()).isEqualTo("reject");
            assertThat(review.get("reviewer").asText()).isNotBlank();
            assertThat(review.get("note").asText()).contains("camera");
            assertThat(review.get("reason").asText()).isEqualTo("weight-chain");
        }
    }

    @Test
    void cardClone_secondKioskWithinTheWindow_held_sameKioskTwice_notHeld() {
        try (TestKiosk a = binKiosk(); TestKiosk b = binKiosk()) {
            String card = f.boundCard("cl-" + a.deviceId, "cl-" + a.deviceId);
            assertThat(deposit(a, card, Material.PAPER, 0, 400, T).status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(deposit(a, card, Material.PAPER, 400, 800, T.plusSeconds(30)).status())
                    .isEqualTo(DecisionStatus.CREDITED);
            Receipt clone = deposit(b, card, Material.PAPER, 0, 400, T.plusMinutes(2));
            assertHeld(clone, Reason.CARD_CLONE);
            JsonNode evidence = signal(clone.eventId()).get("evidence");
            assertThat(evidence.get("otherDeviceId").asText()).isEqualTo(a.deviceId);
            assertThat(evidence.get("secondsBetween").asLong()).isEqualTo(90);
        }
    }

    @Test
    void implausibleWeightPerMaterial_soakedPaperHeld_heavyGlassCredited() {
        try (TestKiosk k = binKiosk()) {
            String card = f.boundCard("pl-" + k.deviceId, "pl-" + k.deviceId);
            Receipt soaked = deposit(k, card, Material.PAPER, 0, 9_500, T);
            assertHeld(soaked, Reason.IMPLAUSIBLE_WEIGHT);
            assertThat(signal(soaked.eventId()).get("evidence").get("limitGrams").asInt()).isEqualTo(8000);
            assertThat(deposit(k, card, Material.GLASS, 9_500, 21_500, T.plusMinutes(1)).status())
                    .isEqualTo(DecisionStatus.CREDITED);
        }
    }

    @Test
    void flaggedKiosk_depositsHeld_clearingReleasesThem_withReceipts() {
        try (TestKiosk k = binKiosk()) {
            String card = f.boundCard("fl-" + k.deviceId, "fl-" + k.deviceId);
            ObjectNode why = StrictJson.newObject();
            why.put("reason", "seal broken on the scale housing");
            assertThat(f.api.post("/api/devices/" + k.deviceId + "/flag", why).json().get("flagged").get("reason")
                    .asText()).contains("seal");
            Receipt held = deposit(k, card, Material.MIXED, 0, 600, T);
            assertHeld(held, Reason.KIOSK_FLAGGED);
            Api.Answer cleared = f.api.post("/api/devices/" + k.deviceId + "/clear-flag", StrictJson.newObject());
            assertThat(cleared.json().get("flagged").isNull()).isTrue();
            assertThat(cleared.json().get("released").get(0).get("status").asText()).isEqualTo("credited");
            org.awaitility.Awaitility.await().until(() -> k.receipts(held.eventId()).size() == 2);
            assertThat(k.receipt(held.eventId()).orElseThrow().creditedGrams()).isEqualTo(900);
        }
    }

    @Test
    void massBalance_periodsWithHaulerWeights_outOfToleranceFlagsTheKiosk_andShowsInTheMetric() {
        try (TestKiosk k = binKiosk()) {
            String card = f.boundCard("mb-" + k.deviceId, "mb-" + k.deviceId);
            deposit(k, card, Material.MIXED, 100, 2100, T);
            deposit(k, card, Material.MIXED, 2100, 4100, T.plusMinutes(1));
            // a scrape now: the expiry follows the latest deposit (the metric remembers it per seq)
            String series = "kiosk_device_calibration_expiry_timestamp_seconds{device_id=\"" + k.deviceId + "\"}";
            assertThat(sample(f.api.text("/metrics"), series))
                    .isEqualTo(T.plusMinutes(1).minusDays(30).plusDays(365).toEpochSecond());
            emptied(k, 4000, 100, T.plusMinutes(10));
            ObjectNode pickup = StrictJson.newObject();
            pickup.put("collectedGrams", 3950);
            pickup.put("collectedAt", T.plusMinutes(9).toString());
            pickup.put("by", "hauler 7");
            assertThat(f.api.post("/api/devices/" + k.deviceId + "/pickups", pickup).status()).isEqualTo(201);

            JsonNode first = f.api.get("/api/devices/" + k.deviceId + "/mass-balance").json().get("periods").get(0);
            assertThat(first.get("reportedNetGrams").asLong()).isEqualTo(4000);
            assertThat(first.get("removedGrams").asInt()).isEqualTo(4000);
            assertThat(first.get("haulerGrams").asLong()).isEqualTo(3950);
            assertThat(first.get("withinTolerance").asBoolean()).isTrue();

            // the bin scale reads 25 % high: the kiosk agrees with itself, the hauler's scale does not
            deposit(k, card, Material.MIXED, 100, 5100, T.plusMinutes(20));
            emptied(k, 5000, 100, T.plusMinutes(30));
            pickup.put("collectedGrams", 4000);
            pickup.put("collectedAt", T.plusMinutes(31).toString());
            f.api.post("/api/devices/" + k.deviceId + "/pickups", pickup);
            JsonNode second = f.api.get("/api/devices/" + k.deviceId + "/mass-balance").json().get("periods").get(1);
            assertThat(second.get("kioskAgrees").asBoolean()).isTrue();
            assertThat(second.get("haulerAgrees").asBoolean()).isFalse();
            assertThat(f.api.get("/api/devices/" + k.deviceId).json().get("flagged").get("by").asText())
                    .isEqualTo("mass-balance");
            assertHeld(deposit(k, card, Material.MIXED, 100, 700, T.plusMinutes(40)), Reason.KIOSK_FLAGGED);
            String metrics = f.api.text("/metrics");
            assertThat(metrics).contains("kiosk_mass_balance_out_of_tolerance{device_id=\"" + k.deviceId + "\"} 1");
            // the latest deposit was calibrated 30 days before it; rule.calibrationMaxAge is 365 days
            long expiry = T.plusMinutes(40).minusDays(30).plusDays(365).toEpochSecond();
            assertThat(sample(metrics, series)).isEqualTo(expiry);
        }
    }

    /** The value of one series in the Prometheus text. */
    private static long sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series);
    }
}

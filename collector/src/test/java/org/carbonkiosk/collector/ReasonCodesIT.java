package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.jws.EventHeader;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.protocol.message.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every reason code of PROTOCOL.md section 5, produced through the real pipeline and broker. */
@Tag("machine-services")
class ReasonCodesIT {
    static Fixture f;
    static final OffsetDateTime NOW = Fixture.NOW;

    @BeforeAll
    static void start() {
        f = new Fixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static void assertReceipt(Receipt r, DecisionStatus status, Reason reason) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.reason()).contains(reason);
        assertThat(r.creditedGrams()).isZero();
    }

    private static JsonNode awaitEvent(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> f.api.get("/api/events/" + eventId).status() == 200);
        return f.api.get("/api/events/" + eventId).json();
    }

    @Test
    void credited_noReason() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("ok-" + k.deviceId, "ok-" + k.deviceId);
            Receipt r = Fixture.deposit(k, card, 820, NOW);
            assertThat(r.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(r.reason()).isEmpty();
            assertThat(r.creditedGrams()).isEqualTo(1230);
        }
    }

    @Test
    void capReached_belowMinimum_implausibleWeight() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("cap-" + k.deviceId, "cap-" + k.deviceId);
            for (int i = 0; i < 3; i++) {
                Fixture.deposit(k, card, 1000, NOW);
            }
            assertReceipt(Fixture.deposit(k, card, 1000, NOW), DecisionStatus.CREDITED, Reason.CAP_REACHED);
            assertReceipt(Fixture.deposit(k, card, 49, NOW), DecisionStatus.CREDITED, Reason.BELOW_MINIMUM);
            assertReceipt(Fixture.deposit(k, card, 31_000, NOW), DecisionStatus.HELD, Reason.IMPLAUSIBLE_WEIGHT);
        }
    }

    @Test
    void calibrationExpired_whenOlderThanMaxAge() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("cal-" + k.deviceId, "cal-" + k.deviceId);
            DepositEvent d = DepositEvent.of(k.envelope(NOW, true), card, Material.PAPER, 0, 1000,
                    Optional.of(NOW.minusDays(400)));
            k.send(d);
            assertReceipt(Fixture.awaitReceipt(k, d.eventId()), DecisionStatus.HELD, Reason.CALIBRATION_EXPIRED);
        }
    }

    @Test
    void cardUnbound_thenBound_isCreditedInItsOwnMonth() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = TestKiosk.card("unbound-" + k.deviceId);
            DepositEvent d = k.deposit(card, 820, NOW);
            k.send(d);
            assertReceipt(Fixture.awaitReceipt(k, d.eventId()), DecisionStatus.HELD, Reason.CARD_UNBOUND);
            assertThat(awaitEvent(d.eventId()).get("status").asText()).isEqualTo("held");

            f.clock.advance(Duration.ofDays(12)); // December 3rd: November is still open (7-day window)
            try {
                var bound = f.api.bind(card, "late-" + k.deviceId);
                assertThat(bound.status()).isEqualTo(200);
                assertThat(bound.json().get("released").get(0).get("creditedGrams").asInt()).isEqualTo(1230);
            } finally {
                f.clock.set(NOW.toInstant());
            }
            JsonNode event = f.api.get("/api/events/" + d.eventId()).json();
            assertThat(event.get("status").asText()).isEqualTo("credited");
            assertThat(event.get("month").asText()).isEqualTo("2026-11");
            assertThat(f.api.get("/api/accounts/late-" + k.deviceId + "/months/2026-11").json()
                    .get("creditedGrams").asInt()).isEqualTo(1230);
            await().atMost(Duration.ofSeconds(10)).until(() -> k.receipts(d.eventId()).size() == 2);
            assertThat(k.receipt(d.eventId()).orElseThrow().status()).isEqualTo(DecisionStatus.CREDITED);
        }
    }

    @Test
    void cardUnbound_boundAfterMonthClosed_staysHeldAsStale() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = TestKiosk.card("closed-" + k.deviceId);
            DepositEvent d = k.deposit(card, 820, NOW);
            k.send(d);
            Fixture.awaitReceipt(k, d.eventId());
            f.clock.advance(Duration.ofDays(20)); // December 11th: November closed
            try {
                f.api.bind(card, "closed-" + k.deviceId);
            } finally {
                f.clock.set(NOW.toInstant());
            }
            JsonNode event = f.api.get("/api/events/" + d.eventId()).json();
            assertThat(event.get("status").asText()).isEqualTo("held");
            assertThat(event.get("reason").asText()).isEqualTo("stale");
            assertThat(event.get("creditedGrams").asInt()).isZero();
        }
    }

    @Test
    void cardBlocked_rejected() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("blocked-" + k.deviceId, "blocked-" + k.deviceId);
            assertThat(f.api.post("/api/cards/" + card + "/block", StrictJson.newObject()).status()).isEqualTo(200);
            assertReceipt(Fixture.deposit(k, card, 820, NOW), DecisionStatus.REJECTED, Reason.CARD_BLOCKED);
        }
    }

    @Test
    void stale_occurredBeforeTheLateWindow() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("stale-" + k.deviceId, "stale-" + k.deviceId);
            Receipt r = Fixture.deposit(k, card, 820, OffsetDateTime.parse("2026-09-20T10:00:00.000+08:00"));
            assertReceipt(r, DecisionStatus.HELD, Reason.STALE);
        }
    }

    @Test
    void clockSkew_occurredMoreThanFiveMinutesAhead_unlessUnsynced() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("skew-" + k.deviceId, "skew-" + k.deviceId);
            assertReceipt(Fixture.deposit(k, card, 820, NOW.plusMinutes(6)), DecisionStatus.HELD, Reason.CLOCK_SKEW);
            // clockSynced false: month of the receive time, no skew check
            DepositEvent unsynced = DepositEvent.of(k.envelope(NOW.minusYears(50), false), card, Material.METAL,
                    0, 820, Optional.of(NOW.minusDays(1)));
            k.send(unsynced);
            Receipt r = Fixture.awaitReceipt(k, unsynced.eventId());
            assertThat(r.creditedGrams()).isEqualTo(1230);
            assertThat(awaitEvent(unsynced.eventId()).get("month").asText()).isEqualTo("2026-11");
        }
    }

    @Test
    void seqConflict_sameEventIdOtherContent_originalStays_andRepeatIsAnswered() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("conflict-" + k.deviceId, "conflict-" + k.deviceId);
            DepositEvent original = k.deposit(card, 820, NOW);
            String jws = k.send(original);
            Fixture.awaitReceipt(k, original.eventId());
            k.publishRaw(Topics.event(k.deviceId), jws.getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(20)).until(() -> k.receipts(original.eventId()).size() == 2);
            Receipt repeat = k.receipts(original.eventId()).get(1);
            assertThat(repeat.repeat()).isTrue();
            assertThat(repeat.creditedGrams()).isEqualTo(1230);

            DepositEvent forged = DepositEvent.of(original.envelope(), card, Material.MIXED, 0, 1000,
                    original.calibratedAt());
            k.send(forged);
            await().atMost(Duration.ofSeconds(20)).until(() -> k.receipts(original.eventId()).size() == 3);
            assertReceipt(k.receipts(original.eventId()).get(2), DecisionStatus.REJECTED, Reason.SEQ_CONFLICT);
            JsonNode event = f.api.get("/api/events/" + original.eventId()).json();
            assertThat(event.get("status").asText()).isEqualTo("credited");
            assertThat(event.get("creditedGrams").asInt()).isEqualTo(1230);
            assertThat(f.api.get("/api/accounts/conflict-" + k.deviceId + "/months/2026-11").json()
                    .get("creditedGrams").asInt()).isEqualTo(1230);
        }
    }

    @Test
    void badSignature_signedWithAnotherKey_recordedFindable_noReceipt() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("sig-" + k.deviceId, "sig-" + k.deviceId);
            Ed25519KeyPair genuine = k.key;
            k.key = Ed25519KeyPair.generate();
            DepositEvent forged = k.deposit(card, 820, NOW);
            k.send(forged);
            JsonNode rejected = awaitEvent(forged.eventId());
            assertThat(rejected.get("status").asText()).isEqualTo("rejected");
            assertThat(rejected.get("reason").asText()).isEqualTo("bad-signature");
            // a receipt would settle the genuine event of that eventId in the kiosk's outbox
            assertThat(k.receipt(forged.eventId())).isEmpty();
            k.key = genuine;
            k.seq.decrementAndGet();
            DepositEvent real = k.deposit(card, 820, NOW);
            assertThat(real.eventId()).isEqualTo(forged.eventId());
            k.send(real);
            Receipt r = Fixture.awaitReceipt(k, real.eventId());
            assertThat(r.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(r.creditedGrams()).isEqualTo(1230);
        }
    }

    @Test
    void tamperedPayload_isBadSignature_andTheGenuineEventIsCreditedAfterIt() {
        try (TestKiosk k = f.kiosk("RC")) {
            String account = "tamper-" + k.deviceId;
            String card = f.boundCard(account, account);
            DepositEvent genuine = k.deposit(card, 820, NOW);
            String jws = k.sign(genuine);
            String[] parts = jws.split("\\.");
            String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            // one edit: netGrams no longer equals gross - tare (the payload alone would be malformed)
            String edited = payload.replace("\"netGrams\":820", "\"netGrams\":920");
            assertThat(edited).isNotEqualTo(payload);
            String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(edited.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            k.publishRaw(Topics.event(k.deviceId), tampered.getBytes(StandardCharsets.US_ASCII));
            JsonNode rejected = awaitEvent(genuine.eventId());
            assertThat(rejected.get("reason").asText()).isEqualTo("bad-signature");
            assertThat(k.receipt(genuine.eventId())).isEmpty();

            k.publishRaw(Topics.event(k.deviceId), jws.getBytes(StandardCharsets.US_ASCII));
            Receipt r = Fixture.awaitReceipt(k, genuine.eventId());
            assertThat(r.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(r.creditedGrams()).isEqualTo(1230);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    "credited".equals(f.api.get("/api/events/" + genuine.eventId()).json().get("status").asText()));
        }
    }

    @Test
    void unknownDevice_andUnknownKeyVersion_recordedFindable_noReceipt() {
        try (TestKiosk k = new TestKiosk(f.broker.url(), TestKiosk.uniqueId("UNREG"))) {
            DepositEvent d = k.deposit(TestKiosk.card("x"), 820, NOW);
            k.send(d);
            assertThat(awaitEvent(d.eventId()).get("reason").asText()).isEqualTo("unknown-device");
            assertThat(k.receipt(d.eventId())).isEmpty();
        }
        try (TestKiosk k = f.kiosk("RC")) {
            k.keyVersion = 2;
            DepositEvent d = k.deposit(TestKiosk.card("x"), 820, NOW);
            k.send(d);
            assertThat(awaitEvent(d.eventId()).get("reason").asText()).isEqualTo("unknown-device");
            assertThat(k.receipt(d.eventId())).isEmpty();
        }
    }

    @Test
    void revokedDevice_laterEventsRejected_rotatedKeyAccepted() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("rev-" + k.deviceId, "rev-" + k.deviceId);
            Ed25519KeyPair old = k.key;
            Ed25519KeyPair next = Ed25519KeyPair.generate();
            ObjectNode rotate = StrictJson.newObject();
            rotate.set("publicKey", next.publicJwk().toJson());
            rotate.put("keyVersion", 2);
            assertThat(f.api.post("/api/devices/" + k.deviceId + "/keys", rotate).status()).isEqualTo(200);
            k.key = next;
            k.keyVersion = 2;
            assertThat(Fixture.deposit(k, card, 100, NOW).creditedGrams()).isEqualTo(150);
            k.key = old; // an event signed before the rotation, still in the outbox
            k.keyVersion = 1;
            assertThat(Fixture.deposit(k, card, 100, NOW).creditedGrams()).isEqualTo(150);

            assertThat(f.api.post("/api/devices/" + k.deviceId + "/revoke", StrictJson.newObject()).status())
                    .isEqualTo(200);
            assertReceipt(Fixture.deposit(k, card, 820, NOW), DecisionStatus.REJECTED, Reason.REVOKED_DEVICE);
        }
    }

    @Test
    void topicMismatch_kidOfAnotherDevice_andWrongTopic() {
        try (TestKiosk a = f.kiosk("RC"); TestKiosk b = f.kiosk("RC")) {
            // payload and topic are a's, signed by b under b's kid: answered on a's topic
            DepositEvent d = a.deposit(TestKiosk.card("tm"), 820, NOW);
            String jws = CompactJws.sign(new EventHeader(new Kid(b.deviceId, 1)).encode(), EventCodec.encode(d),
                    b.key.privateKey(), new BouncyCastleEd25519());
            a.publishRaw(Topics.event(a.deviceId), jws.getBytes(StandardCharsets.US_ASCII));
            assertReceipt(Fixture.awaitReceipt(a, d.eventId()), DecisionStatus.REJECTED, Reason.TOPIC_MISMATCH);

            // a's valid event published on b's topic: recorded, no receipt to either
            DepositEvent e = a.deposit(TestKiosk.card("tm"), 820, NOW);
            b.publishRaw(Topics.event(b.deviceId), a.sign(e).getBytes(StandardCharsets.US_ASCII));
            JsonNode event = awaitEvent(e.eventId());
            assertThat(event.get("status").asText()).isEqualTo("rejected");
            assertThat(event.get("reason").asText()).isEqualTo("topic-mismatch");
            assertThat(a.receipt(e.eventId())).isEmpty();
            assertThat(b.receipt(e.eventId())).isEmpty();
        }
    }

    @Test
    void malformed_recordedWithoutReceipt() {
        try (TestKiosk k = f.kiosk("RC")) {
            k.publishRaw(Topics.event(k.deviceId), "not a jws".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode all = f.api.get("/api/rejections?limit=50").json();
                for (JsonNode r : all) {
                    if (r.get("topic").asText().equals(Topics.event(k.deviceId))) {
                        return r.get("reason").asText().equals("malformed")
                                && r.get("detail").asText().startsWith("not-compact-jws");
                    }
                }
                return false;
            });
            assertThat(k.receipts).isEmpty();
        }
    }

    @Test
    void nonDepositEvent_recordedNeverCredited() {
        try (TestKiosk k = f.kiosk("RC")) {
            var door = k.doorForced(NOW);
            k.send(door);
            Receipt r = Fixture.awaitReceipt(k, door.eventId());
            assertThat(r.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(r.creditedGrams()).isZero();
            assertThat(r.decision().isRecordedOnly()).isTrue();
            assertThat(r.reason()).isEmpty();
            assertThat(r.monthCreditedGrams()).isEmpty();
            assertThat(awaitEvent(door.eventId()).get("type").asText()).isEqualTo("door-forced");
        }
    }

    @Test
    void seqGap_reportedUntilFilled() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("gap-" + k.deviceId, "gap-" + k.deviceId);
            DepositEvent first = k.deposit(card, 100, NOW);
            DepositEvent second = k.deposit(card, 100, NOW);
            DepositEvent third = k.deposit(card, 100, NOW);
            k.send(first);
            k.send(third);
            Fixture.awaitReceipt(k, third.eventId());
            Fixture.awaitReceipt(k, first.eventId());
            JsonNode device = f.api.get("/api/devices/" + k.deviceId).json();
            assertThat(device.get("lastSeq").asLong()).isEqualTo(3);
            assertThat(device.get("missingSeqs").toString()).isEqualTo("[2]");
            k.send(second);
            Fixture.awaitReceipt(k, second.eventId());
            assertThat(f.api.get("/api/devices/" + k.deviceId).json().get("missingSeqs").toString()).isEqualTo("[]");
        }
    }

    @Test
    void operatorReview_approvesHeldDeposits_reevaluatesOthers() {
        try (TestKiosk k = f.kiosk("RC")) {
            String card = f.boundCard("review-" + k.deviceId, "review-" + k.deviceId);
            DepositEvent heavy = k.deposit(card, 31_000, NOW);
            k.send(heavy);
            assertReceipt(Fixture.awaitReceipt(k, heavy.eventId()), DecisionStatus.HELD, Reason.IMPLAUSIBLE_WEIGHT);
            DepositEvent old = DepositEvent.of(k.envelope(NOW, true), card, Material.PAPER, 0, 1000,
                    Optional.of(NOW.minusDays(400)));
            k.send(old);
            Fixture.awaitReceipt(k, old.eventId());

            String review = "/api/events/" + old.eventId() + "/review";
            assertThat(f.api.postNoAuth(review, StrictJson.newObject()).status()).isEqualTo(401);
            var again = f.api.post(review, StrictJson.newObject()); // re-evaluated: the cause is still there
            assertThat(again.json().get("reason").asText()).isEqualTo("calibration-expired");

            ObjectNode approve = StrictJson.newObject();
            approve.put("approve", true);
            var approved = f.api.post("/api/events/" + heavy.eventId() + "/review", approve);
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.json().get("creditedGrams").asInt()).isEqualTo(1500);
            await().atMost(Duration.ofSeconds(10)).until(() -> k.receipts(heavy.eventId()).size() == 2);
            assertThat(k.receipt(heavy.eventId()).orElseThrow().creditedGrams()).isEqualTo(1500);
            assertThat(f.api.post("/api/events/" + heavy.eventId() + "/review", approve).status()).isEqualTo(409);
            assertThat(f.api.post(review, approve).json().get("creditedGrams").asInt()).isEqualTo(1500);
            assertThat(f.api.get("/api/accounts/review-" + k.deviceId + "/months/2026-11").json()
                    .get("creditedGrams").asInt()).isEqualTo(3000);
        }
    }
}

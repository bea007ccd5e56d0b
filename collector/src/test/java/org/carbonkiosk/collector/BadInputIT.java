package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.CompactJws;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A stream of malformed, forged and oversize messages between good ones never stops the collector. */
@Tag("machine-services")
class BadInputIT {
    private static final BouncyCastleEd25519 ED = new BouncyCastleEd25519();

    @Test
    void badMessagesBetweenGoodOnes_everyGoodCredited_everyBadRecorded() {
        try (Fixture f = new Fixture(); TestKiosk k = f.kiosk("BI")) {
            String card = f.boundCard("bad-input-" + k.deviceId, "bad-input-" + k.deviceId);
            String topic = Topics.event(k.deviceId);
            Ed25519KeyPair forger = Ed25519KeyPair.generate();
            String kidHeader = "{\"alg\":\"EdDSA\",\"kid\":\"" + k.deviceId + "/1\",\"typ\":\"kiosk-event\"}";
            List<DepositEvent> good = new ArrayList<>();
            Map<String, Integer> expectedBad = new TreeMap<>();
            for (int round = 0; round < 3; round++) {
                DepositEvent d = k.deposit(card, 100, Fixture.NOW);
                good.add(d);
                k.send(d);

                k.publishRaw(topic, "garbage \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
                count(expectedBad, "malformed not-compact-jws");
                byte[] huge = new byte[Topics.MAX_MESSAGE_BYTES + 1];
                Arrays.fill(huge, (byte) 'a');
                k.publishRaw(topic, huge);
                count(expectedBad, "malformed oversize");

                DepositEvent forged = k.deposit(card, 20_000, Fixture.NOW);
                k.publishRaw(topic, TestKiosk.CODEC.sign(forged, 1, forger.privateKey())
                        .getBytes(StandardCharsets.US_ASCII));
                count(expectedBad, "bad-signature");

                DepositEvent lie = k.deposit(card, 820, Fixture.NOW);
                String payload = new String(EventCodec.encode(lie), StandardCharsets.UTF_8)
                        .replace("\"netGrams\":820", "\"netGrams\":1820");
                k.publishRaw(topic, CompactJws.sign(kidHeader.getBytes(StandardCharsets.UTF_8),
                        payload.getBytes(StandardCharsets.UTF_8), k.key.privateKey(), ED)
                        .getBytes(StandardCharsets.US_ASCII));
                count(expectedBad, "malformed net-mismatch");

                String dup = "{\"v\":1," + new String(EventCodec.encode(k.deposit(card, 100, Fixture.NOW)),
                        StandardCharsets.UTF_8).substring(1);
                k.publishRaw(topic, CompactJws.sign(kidHeader.getBytes(StandardCharsets.UTF_8),
                        dup.getBytes(StandardCharsets.UTF_8), k.key.privateKey(), ED).getBytes(StandardCharsets.US_ASCII));
                count(expectedBad, "malformed duplicate-key");

                String none = "{\"alg\":\"none\",\"kid\":\"" + k.deviceId + "/1\",\"typ\":\"kiosk-event\"}";
                k.publishRaw(topic, CompactJws.sign(none.getBytes(StandardCharsets.UTF_8),
                        EventCodec.encode(k.deposit(card, 100, Fixture.NOW)), k.key.privateKey(), ED)
                        .getBytes(StandardCharsets.US_ASCII));
                count(expectedBad, "malformed unsupported-alg");

                k.publishRaw(topic, new byte[0]);
                count(expectedBad, "malformed not-compact-jws");
            }
            DepositEvent last = k.deposit(card, 100, Fixture.NOW);
            good.add(last);
            k.send(last);

            for (DepositEvent d : good) {
                var r = Fixture.awaitReceipt(k, d.eventId());
                assertThat(r.status()).isEqualTo(DecisionStatus.CREDITED);
                assertThat(r.creditedGrams()).isEqualTo(150);
            }
            int expectedTotal = expectedBad.values().stream().mapToInt(Integer::intValue).sum();
            await().atMost(Duration.ofSeconds(30)).until(() -> recorded(f, topic).values().stream()
                    .mapToInt(Integer::intValue).sum() >= expectedTotal);
            assertThat(recorded(f, topic)).isEqualTo(expectedBad);
            assertThat(f.api.get("/api/accounts/bad-input-" + k.deviceId + "/months/2026-11").json()
                    .get("creditedGrams").asInt()).isEqualTo(150 * good.size());
        }
    }

    private static void count(Map<String, Integer> m, String key) {
        m.merge(key, 1, Integer::sum);
    }

    /** Rejections on {@code topic}, as "reason" or "malformed detail-code". */
    private static Map<String, Integer> recorded(Fixture f, String topic) {
        Map<String, Integer> m = new TreeMap<>();
        for (JsonNode r : f.api.get("/api/rejections?limit=1000").json()) {
            if (!r.get("topic").asText().equals(topic)) {
                continue;
            }
            String reason = r.get("reason").asText();
            if (reason.equals("malformed")) {
                String detail = r.get("detail").asText();
                reason = "malformed " + detail.substring(0, detail.indexOf(':'));
            }
            count(m, reason);
        }
        return m;
    }
}

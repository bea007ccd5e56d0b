package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.junit.jupiter.api.Test;

/**
 * Random bytes published on a kiosk's event topic through the broker into a running collector
 * (seeded, so a failure replays): each one gets its own recorded rejection (found by the SHA-256
 * of its bytes), none credits anything, and a good deposit sent after them is still credited.
 */
class RandomPayloadIT {
    private static final long SEED = 20261201L;
    private static final int COUNT = 100;

    @Test
    void randomBytesOnTheEventTopic_eachRecordedAsARejection_andTheCollectorGoesOn() throws Exception {
        try (Fixture f = new Fixture(); TestKiosk k = f.kiosk("RP")) {
            String card = f.boundCard("random-payload-" + k.deviceId, "random-payload-" + k.deviceId);
            String topic = Topics.event(k.deviceId);
            Random random = new Random(SEED);
            List<String> sent = new ArrayList<>();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < COUNT; i++) {
                byte[] raw = new byte[random.nextInt(20) == 0 ? Topics.MAX_MESSAGE_BYTES + 1 : random.nextInt(600)];
                random.nextBytes(raw);
                k.publishRaw(topic, raw);
                sent.add(HexFormat.of().formatHex(sha256.digest(raw)));
            }

            var good = Fixture.deposit(k, card, 100, Fixture.NOW);

            assertThat(good.status()).isEqualTo(DecisionStatus.CREDITED);
            assertThat(good.creditedGrams()).isEqualTo(150);
            await().atMost(Duration.ofSeconds(30)).until(() -> recorded(f, topic).size() >= COUNT);
            assertThat(recorded(f, topic)).as("seed " + SEED).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(f.api.get("/api/accounts/random-payload-" + k.deviceId + "/months/2026-11").json()
                    .get("creditedGrams").asInt()).isEqualTo(150);
        }
    }

    /** The SHA-256 of every message recorded as a rejection on {@code topic}. */
    private static List<String> recorded(Fixture f, String topic) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : f.api.get("/api/rejections?limit=1000").json()) {
            if (r.get("topic").asText().equals(topic)) {
                out.add(r.get("rawSha256").asText());
            }
        }
        return out;
    }
}

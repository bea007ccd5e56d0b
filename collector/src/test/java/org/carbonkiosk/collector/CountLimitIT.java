package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The optional monthly count limit, through the real pipeline (its own collector: one per broker at a time). */
@Tag("machine-services")
class CountLimitIT {
    static final OffsetDateTime NOW = Fixture.NOW;

    private static String describe(Receipt r) {
        return r.status().wire() + " " + r.creditedGrams() + r.reason().map(x -> " " + x.wire()).orElse("");
    }

    @Test
    void countLimitOfThree_whenEnabled() {
        try (Fixture g = new Fixture(Map.of("rule.versions", "wuhan-count-3", "rule.monthlyCountLimit", "3"));
             TestKiosk k = g.kiosk("CL")) {
            String card = g.boundCard("count-" + k.deviceId, "count-" + k.deviceId);
            List<String> got = new ArrayList<>();
            for (int net : new int[] {100, 100, 100, 100}) {
                got.add(describe(Fixture.deposit(k, card, net, NOW)));
            }
            assertThat(got).containsExactly("credited 150", "credited 150", "credited 150",
                    "credited 0 cap-reached");
            String eventId = k.deviceId + ":1";
            assertThat(g.api.get("/api/events/" + eventId).json().get("ruleVersion").asText())
                    .isEqualTo("wuhan-count-3");
        }
    }
}

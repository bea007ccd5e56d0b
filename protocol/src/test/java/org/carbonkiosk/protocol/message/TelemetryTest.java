package org.carbonkiosk.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.carbonkiosk.protocol.DecodeResult;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-21T09:12:33.120+08:00");

    @Test
    void decode_encoded_roundTrips() {
        Telemetry t = new Telemetry(87, -12, 4, 12_000_000_000L, 86_400, AT);
        assertThat(Telemetry.decode(t.encode()).value()).isEqualTo(t);
        assertThat(new String(t.encode(), StandardCharsets.UTF_8)).isEqualTo("{\"binFillPercent\":87,\"scaleZeroGrams\":-12,"
                + "\"outboxDepth\":4,\"diskFreeBytes\":12000000000,\"uptimeS\":86400,\"at\":\"2026-11-21T09:12:33.120+08:00\"}");
    }

    @Test
    void decode_fillOver100_isOutOfRange() {
        String json = new String(new Telemetry(87, 0, 0, 0, 0, AT).encode(), StandardCharsets.UTF_8)
                .replace("\"binFillPercent\":87", "\"binFillPercent\":101");
        DecodeResult<Telemetry> r = Telemetry.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(((DecodeResult.Malformed<Telemetry>) r).reason().code()).isEqualTo("out-of-range");
    }
}

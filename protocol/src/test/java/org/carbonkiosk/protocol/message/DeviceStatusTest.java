package org.carbonkiosk.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.carbonkiosk.protocol.DecodeResult;
import org.junit.jupiter.api.Test;

class DeviceStatusTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-21T09:12:33.120+08:00");

    @Test
    void decode_encoded_roundTripsOnlineAndOffline() {
        for (boolean online : new boolean[] {true, false}) {
            DeviceStatus s = new DeviceStatus(online, "1.0.0", AT);
            assertThat(DeviceStatus.decode(s.encode()).value()).isEqualTo(s);
        }
        assertThat(new String(new DeviceStatus(false, "1.0.0", AT).encode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"state\":\"offline\",\"agent\":\"1.0.0\",\"at\":\"2026-11-21T09:12:33.120+08:00\"}");
    }

    @Test
    void decode_unknownStateOrBadTime_isRefused() {
        assertThat(reason("{\"state\":\"sleeping\",\"agent\":\"1\",\"at\":\"2026-11-21T09:12:33Z\"}")).isEqualTo("out-of-range");
        assertThat(reason("{\"state\":\"online\",\"agent\":\"1\",\"at\":\"now\"}")).isEqualTo("bad-timestamp");
        assertThat(reason("{\"state\":\"online\",\"agent\":\"1\"}")).isEqualTo("missing-member");
    }

    private static String reason(String json) {
        DecodeResult<DeviceStatus> r = DeviceStatus.decode(json.getBytes(StandardCharsets.UTF_8));
        return ((DecodeResult.Malformed<DeviceStatus>) r).reason().code();
    }
}

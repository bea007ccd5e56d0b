package org.carbonkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void topics_followProtocolSection3() {
        assertThat(Topics.event("WH-HS-0001")).isEqualTo("kiosk/v1/WH-HS-0001/event");
        assertThat(Topics.receipt("WH-HS-0001")).isEqualTo("kiosk/v1/WH-HS-0001/receipt");
        assertThat(Topics.status("WH-HS-0001")).isEqualTo("kiosk/v1/WH-HS-0001/status");
        assertThat(Topics.telemetry("WH-HS-0001")).isEqualTo("kiosk/v1/WH-HS-0001/telemetry");
        assertThat(Topics.SHARED_EVENT_SUBSCRIPTION).isEqualTo("$share/collectors/kiosk/v1/+/event");
        assertThat(Topics.MAX_MESSAGE_BYTES).isEqualTo(8192);
    }

    @Test
    void deviceIdOf_roundTripsAndRefusesOtherShapes() {
        assertThat(Topics.deviceIdOf(Topics.event("WH-HS-0001"))).contains("WH-HS-0001");
        assertThat(Topics.deviceIdOf("kiosk/v1/WH-HS-0001/event/x")).isEmpty();
        assertThat(Topics.deviceIdOf("kiosk/v2/WH-HS-0001/event")).isEmpty();
        assertThat(Topics.deviceIdOf("kiosk/v1//event")).isEmpty();
    }
}

package org.carbonkiosk.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PartHealthTest {
    @Test
    void failed_repeatedly_remembersOnceUntilOk() {
        PartHealth health = new PartHealth("UT-PH-0001");

        health.failed("scale", new IOException("cable"));
        health.failed("scale", new IOException("cable"));
        assertThat(health.isFailing("scale")).isTrue();
        assertThat(health.isFailing("card reader")).isFalse();

        health.ok("scale");
        assertThat(health.isFailing("scale")).isFalse();
    }
}

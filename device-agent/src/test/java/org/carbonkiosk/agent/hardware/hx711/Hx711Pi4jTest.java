package org.carbonkiosk.agent.hardware.hx711;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.io.IOException;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.gpio.MockPi4j;
import org.carbonkiosk.agent.hardware.gpio.Pi4jLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HX711 driver on pi4j lines (mock plugin), the chip model wired to the mock pins. */
class Hx711Pi4jTest {
    private final Context pi4j = MockPi4j.context();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void readRaw_throughPi4jMockPins_readsTheModelsSamples() throws IOException {
        Hx711Model chip = new Hx711Model();
        chip.queueSample(-5_000);
        chip.queueSample(77_777);
        Pi4jLines lines = new Pi4jLines(pi4j, Optional.empty());
        var sck = lines.output("hx711-sck", 6, false);
        var dout = lines.input("hx711-dout", 5, Pi4jLines.Pull.OFF);
        MockDigitalInput doutPin = pi4j.io("hx711-dout");
        DigitalOutput sckPin = pi4j.io("hx711-sck");
        doutPin.mockState(chip.dout.isHigh() ? DigitalState.HIGH : DigitalState.LOW);
        sckPin.addListener(e -> {
            chip.sck.set(e.state() == DigitalState.HIGH);
            doutPin.mockState(chip.dout.isHigh() ? DigitalState.HIGH : DigitalState.LOW);
        });
        Hx711 hx = new Hx711(sck, dout, Hx711Gain.A_128, 3, 500, 50, chip.clock::nanoTime,
                nanos -> chip.clock.now += nanos);

        assertThat(hx.readRaw()).isEqualTo(-5_000);
        assertThat(hx.readRaw()).isEqualTo(77_777);
        assertThat(chip.lastGainPulses).isEqualTo(25);
    }
}

package org.carbonkiosk.agent.hardware.hx711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class Hx711Test {
    private final Hx711Model chip = new Hx711Model();

    private Hx711 driver(Hx711Gain gain, int attempts) {
        return new Hx711(chip.sck, chip.dout, gain, attempts, 500, 50, chip.clock::nanoTime,
                nanos -> chip.clock.now += nanos);
    }

    @Test
    void readRaw_positiveAndNegativeSamples_decodesTwosComplement() throws IOException {
        chip.queueSample(123_456);
        chip.queueSample(-98_765);
        chip.queueSample(0);
        Hx711 hx = driver(Hx711Gain.A_128, 3);

        assertThat(hx.readRaw()).isEqualTo(123_456);
        assertThat(hx.readRaw()).isEqualTo(-98_765);
        assertThat(hx.readRaw()).isZero();
        assertThat(chip.lastGainPulses).isEqualTo(25);
    }

    @Test
    void readRaw_gain64_sends27Pulses() throws IOException {
        chip.queueSample(1);
        chip.queueSample(2);
        Hx711 hx = driver(Hx711Gain.A_64, 3);

        hx.readRaw();
        hx.readRaw();

        assertThat(chip.lastGainPulses).isEqualTo(27);
    }

    @Test
    void readRaw_lateClockPulse_readIsSpoiledAndRetried() throws IOException {
        chip.queueSample(1_000);
        chip.queueSample(2_000);
        chip.latePulses.add(10); // the 10th pulse of the first read stays high 70 µs: the chip powers down
        Hx711 hx = driver(Hx711Gain.A_128, 3);

        int value = hx.readRaw();

        assertThat(value).isEqualTo(2_000); // the spoiled sample is never returned
    }

    @Test
    void readRaw_saturatedValue_isRetried() throws IOException {
        chip.queueSample(0x7FFFFF);
        chip.queueSample(0x800000);
        chip.queueSample(4_242);
        Hx711 hx = driver(Hx711Gain.A_128, 3);

        assertThat(hx.readRaw()).isEqualTo(4_242);
    }

    @Test
    void readRaw_chipNeverReady_failsAfterBoundedAttempts() {
        Hx711 hx = driver(Hx711Gain.A_128, 2);

        assertThatThrownBy(hx::readRaw).isInstanceOf(IOException.class).hasMessageContaining("NOT_READY");
    }

    @Test
    void readRaw_everyAttemptLate_failsNamingTheLateClock() {
        chip.queueSample(1);
        chip.queueSample(2);
        chip.latePulses.add(3);
        chip.latePulses.add(28); // pulse 3 of the second read (25 pulses per read at gain 128)
        Hx711 hx = driver(Hx711Gain.A_128, 2);

        assertThatThrownBy(hx::readRaw).isInstanceOf(IOException.class).hasMessageContaining("LATE_CLOCK");
    }

    @Test
    void signExtend24_boundaries() {
        assertThat(Hx711.signExtend24(0x800000)).isEqualTo(-8_388_608);
        assertThat(Hx711.signExtend24(0xFFFFFF)).isEqualTo(-1);
        assertThat(Hx711.signExtend24(0x7FFFFF)).isEqualTo(8_388_607);
    }
}

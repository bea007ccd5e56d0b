package org.carbonkiosk.agent.hardware.nau7802;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.io.IOException;
import org.carbonkiosk.agent.hardware.gpio.MockPi4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Nau7802Test {
    private final Nau7802Model chip = new Nau7802Model();
    private final Context pi4j = MockPi4j.context(new ModelI2CProvider(chip));
    private long now;

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private Nau7802 driver(Nau7802.Settings settings) {
        I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("nau7802").bus(1).device(Nau7802.DEFAULT_ADDRESS).build());
        return new Nau7802(i2c, settings, () -> now, nanos -> now += nanos);
    }

    @Test
    void readRaw_firstRead_powersUpConfiguresAndReadsSignedSamples() throws IOException {
        chip.queueSample(1_234_567);
        chip.queueSample(-42);
        Nau7802 adc = driver(new Nau7802.Settings(128, 3300, 10, 500));

        assertThat(adc.readRaw()).isEqualTo(1_234_567);
        assertThat(adc.readRaw()).isEqualTo(-42);
        assertThat(chip.gainBits()).isEqualTo(0b111);
        assertThat(chip.vldoBits()).isEqualTo(0b100);
        assertThat(chip.registers[Nau7802.PU_CTRL] & 0xFF & ~Nau7802.CR)
                .isEqualTo(Nau7802.PUD | Nau7802.PUA | Nau7802.PUR | Nau7802.CS | Nau7802.AVDDS);
        assertThat(chip.registers[Nau7802.ADC]).isEqualTo(0x30);
        assertThat(chip.resets).isEqualTo(2); // power-on plus the driver's RR
    }

    @Test
    void readRaw_gain64Ldo3000At80Sps_setsControlRegisters() throws IOException {
        chip.queueSample(7);
        Nau7802 adc = driver(new Nau7802.Settings(64, 3000, 80, 500));

        adc.readRaw();

        assertThat(chip.gainBits()).isEqualTo(0b110);
        assertThat(chip.vldoBits()).isEqualTo(0b101);
        assertThat((chip.registers[Nau7802.CTRL2] >> 4) & 0x07).isEqualTo(3);
    }

    @Test
    void readRaw_noConversionReady_timesOut() {
        Nau7802 adc = driver(new Nau7802.Settings(128, 3300, 10, 200));

        assertThatThrownBy(adc::readRaw).isInstanceOf(IOException.class).hasMessageContaining("CR");
    }

    @Test
    void readRaw_calibrationError_reported() {
        chip.calibrationFails = true;
        chip.queueSample(1);
        Nau7802 adc = driver(new Nau7802.Settings(128, 3300, 10, 200));

        assertThatThrownBy(adc::readRaw).isInstanceOf(IOException.class).hasMessageContaining("CAL_ERR");
    }

    @Test
    void readRaw_afterBusFailure_powersUpAgain() throws IOException {
        chip.queueSample(1);
        Nau7802 adc = driver(new Nau7802.Settings(128, 3300, 10, 200));
        adc.readRaw();
        chip.absent = true;
        assertThatThrownBy(adc::readRaw).isInstanceOf(IOException.class);
        chip.absent = false;
        chip.queueSample(99);

        assertThat(adc.readRaw()).isEqualTo(99);
        assertThat(chip.resets).isEqualTo(3);
    }

    @Test
    void settings_invalidGain_refused() {
        assertThatThrownBy(() -> new Nau7802.Settings(100, 3300, 10, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}

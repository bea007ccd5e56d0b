package org.carbonkiosk.agent.hardware.nau7802;

import com.pi4j.io.i2c.I2C;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.carbonkiosk.agent.hardware.LoadCellAdc;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.tinylog.Logger;

/**
 * NAU7802 24-bit load-cell ADC on I2C (address 0x2A; datasheet rev 1.7). Powers the chip up on
 * first use (PU_CTRL: RR reset, PUD, wait for PUR, PUA, internal LDO), sets LDO voltage, PGA gain
 * and sample rate, runs the internal offset calibration, starts conversions (CS), then each read
 * polls the CR (cycle ready) bit and reads ADCO_B2..B0 as 24-bit two's complement. Any bus error
 * makes the next read power the chip up again.
 */
public final class Nau7802 implements LoadCellAdc {
    public static final int DEFAULT_ADDRESS = 0x2A;
    static final int PU_CTRL = 0x00;
    static final int CTRL1 = 0x01;
    static final int CTRL2 = 0x02;
    static final int ADCO_B2 = 0x12;
    static final int ADC = 0x15;
    static final int PGA_PWR = 0x1C;
    static final int REVISION = 0x1F;
    static final int RR = 0x01;
    static final int PUD = 0x02;
    static final int PUA = 0x04;
    static final int PUR = 0x08;
    static final int CS = 0x10;
    static final int CR = 0x20;
    static final int AVDDS = 0x80;
    static final int CALS = 0x04;
    static final int CAL_ERR = 0x08;

    private final I2C i2c;
    private final Settings settings;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private boolean ready;

    /**
     * @param gain PGA gain 1, 2, 4, ... 128
     * @param ldoMillivolts internal LDO 2400..4500 in 300 mV steps
     * @param samplesPerSecond 10, 20, 40, 80 or 320
     */
    public record Settings(int gain, int ldoMillivolts, int samplesPerSecond, long timeoutMillis) {
        public Settings {
            if (Integer.bitCount(gain) != 1 || gain > 128) {
                throw new IllegalArgumentException("gain must be 1, 2, 4, 8, 16, 32, 64 or 128, was " + gain);
            }
            if (ldoMillivolts < 2400 || ldoMillivolts > 4500 || (4500 - ldoMillivolts) % 300 != 0) {
                throw new IllegalArgumentException("ldoMillivolts must be 2400..4500 in 300 mV steps, was " + ldoMillivolts);
            }
            rateBits(samplesPerSecond);
        }

        int gainBits() {
            return Integer.numberOfTrailingZeros(gain);
        }

        int vldoBits() {
            return (4500 - ldoMillivolts) / 300;
        }

        static int rateBits(int sps) {
            return switch (sps) {
                case 10 -> 0;
                case 20 -> 1;
                case 40 -> 2;
                case 80 -> 3;
                case 320 -> 7;
                default -> throw new IllegalArgumentException("samplesPerSecond must be 10, 20, 40, 80 or 320, was " + sps);
            };
        }
    }

    public Nau7802(I2C i2c, Settings settings, LongSupplier nanoClock, Sleeper sleeper) {
        this.i2c = i2c;
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    public Nau7802(I2C i2c, Settings settings) {
        this(i2c, settings, System::nanoTime, Sleeper.SYSTEM);
    }

    @Override
    public synchronized int readRaw() throws IOException {
        try {
            if (!ready) {
                powerUp();
                ready = true;
            }
            await(PU_CTRL, CR, true, "conversion ready (CR)");
            byte[] b = new byte[3];
            int n = i2c.readRegister(ADCO_B2, b, 0, 3);
            if (n < 0) {
                throw new IOException("NAU7802 ADCO read failed: " + n);
            }
            int raw = ((b[0] & 0xFF) << 16) | ((b[1] & 0xFF) << 8) | (b[2] & 0xFF);
            return (raw << 8) >> 8;
        } catch (IOException | RuntimeException e) {
            ready = false;
            throw e instanceof IOException io ? io : new IOException("NAU7802 I2C failure", e);
        }
    }

    private void powerUp() throws IOException {
        write(PU_CTRL, RR);            // register reset
        write(PU_CTRL, 0);             // leave reset
        write(PU_CTRL, PUD);           // power up digital
        await(PU_CTRL, PUR, true, "power-up ready (PUR)");
        write(PU_CTRL, PUD | PUA | AVDDS); // analog on, internal LDO
        int revision = read(REVISION) & 0x0F;
        if (revision != 0x0F) {
            throw new IOException("no NAU7802 at the I2C address (revision id " + revision + ")");
        }
        write(CTRL1, (settings.vldoBits() << 3) | settings.gainBits());
        write(CTRL2, Settings.rateBits(settings.samplesPerSecond()) << 4);
        write(ADC, 0x30);                                // REG0x15 bits 5:4 = 11: clock chopper off
        write(PGA_PWR, read(PGA_PWR) | 0x80);            // PGA output bypass capacitor on
        write(CTRL2, read(CTRL2) | CALS);                // internal offset calibration
        await(CTRL2, CALS, false, "calibration done (CALS)");
        if ((read(CTRL2) & CAL_ERR) != 0) {
            throw new IOException("NAU7802 internal calibration failed (CAL_ERR)");
        }
        write(PU_CTRL, PUD | PUA | AVDDS | CS);         // start conversions
        Logger.info("NAU7802 powered up: gain {}, LDO {} mV, {} SPS", settings.gain(), settings.ldoMillivolts(),
                settings.samplesPerSecond());
    }

    private void await(int register, int bit, boolean set, String what) throws IOException {
        long start = nanoClock.getAsLong();
        while (((read(register) & bit) != 0) != set) {
            if (nanoClock.getAsLong() - start > settings.timeoutMillis() * 1_000_000L) {
                throw new IOException("NAU7802 timed out waiting for " + what);
            }
            sleeper.sleepMillis(1);
        }
    }

    private int read(int register) throws IOException {
        int value = i2c.readRegister(register);
        if (value < 0) {
            throw new IOException("NAU7802 read of register " + register + " failed: " + value);
        }
        return value & 0xFF;
    }

    private void write(int register, int value) throws IOException {
        int n = i2c.writeRegister(register, (byte) value);
        if (n < 0) {
            throw new IOException("NAU7802 write of register " + register + " failed: " + n);
        }
    }
}

package org.carbonkiosk.agent.hardware.hx711;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.carbonkiosk.agent.hardware.LoadCellAdc;
import org.carbonkiosk.agent.hardware.gpio.InputLine;
import org.carbonkiosk.agent.hardware.gpio.OutputLine;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.tinylog.Logger;

/**
 * HX711 24-bit load-cell ADC bit-banged over two GPIO lines (datasheet rev 2.0).
 * <p>DOUT low means a conversion is ready. Each PD_SCK pulse shifts out one bit, MSB first,
 * 24 data bits, then 1 to 3 more pulses select the next conversion's channel and gain. PD_SCK
 * high for more than 60 µs powers the chip down, which spoils the read: the driver times every
 * high phase with {@code System.nanoTime()}, and a read with a late pulse, a saturated value
 * (0x7FFFFF / 0x800000) or DOUT never going low is thrown away and retried up to
 * {@code attempts} times.
 */
public final class Hx711 implements LoadCellAdc {
    static final int SATURATED_HIGH = 0x7FFFFF;
    static final int SATURATED_LOW = -0x800000;
    private static final long POLL_NANOS = 1_000_000L;

    private final OutputLine sck;
    private final InputLine dout;
    private final Hx711Gain gain;
    private final int attempts;
    private final long readyTimeoutNanos;
    private final long maxHighNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    /**
     * @param maxHighMicros the longest clock-high time accepted (below the chip's 60 µs power-down)
     */
    public Hx711(OutputLine sck, InputLine dout, Hx711Gain gain, int attempts, long readyTimeoutMillis,
                 long maxHighMicros, LongSupplier nanoClock, Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1");
        }
        if (maxHighMicros < 1 || maxHighMicros >= 60) {
            throw new IllegalArgumentException("maxHighMicros must be within [1, 59]");
        }
        this.sck = sck;
        this.dout = dout;
        this.gain = gain;
        this.attempts = attempts;
        this.readyTimeoutNanos = readyTimeoutMillis * 1_000_000L;
        this.maxHighNanos = maxHighMicros * 1_000L;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        sck.set(false); // PD_SCK low: powered up, normal operation
    }

    public Hx711(OutputLine sck, InputLine dout, Hx711Gain gain) {
        this(sck, dout, gain, 5, 500, 50, System::nanoTime, Sleeper.SYSTEM);
    }

    /** What spoiled one attempt. */
    enum Spoiled { NOT_READY, LATE_CLOCK, SATURATED }

    @Override
    public synchronized int readRaw() throws IOException {
        Spoiled last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (!awaitReady()) {
                last = Spoiled.NOT_READY;
                continue;
            }
            Integer result = shiftIn();
            if (result == null) {
                last = Spoiled.LATE_CLOCK;
                Logger.debug("HX711 read spoiled by a late clock pulse (attempt {})", attempt);
                continue;
            }
            int value = signExtend24(result);
            if (value == SATURATED_HIGH || value == SATURATED_LOW) {
                last = Spoiled.SATURATED;
                continue;
            }
            return value;
        }
        throw new IOException("HX711 read failed after " + attempts + " attempts: " + last);
    }

    private boolean awaitReady() throws IOException {
        long start = nanoClock.getAsLong();
        while (dout.isHigh()) {
            if (nanoClock.getAsLong() - start > readyTimeoutNanos) {
                return false;
            }
            sleeper.sleepNanos(POLL_NANOS);
        }
        return true;
    }

    /** The 24 bits, or null when a clock pulse stayed high too long (the chip may have powered down). */
    private Integer shiftIn() {
        int value = 0;
        boolean late = false;
        int pulses = 24 + gain.extraPulses();
        for (int i = 0; i < pulses; i++) {
            long start = nanoClock.getAsLong();
            sck.set(true);
            boolean bit = dout.isHigh();
            sck.set(false);
            long high = nanoClock.getAsLong() - start;
            if (high > maxHighNanos) {
                late = true;
            }
            if (i < 24) {
                value = (value << 1) | (bit ? 1 : 0);
            }
        }
        return late ? null : value;
    }

    /** 24-bit two's complement to int. */
    static int signExtend24(int raw) {
        return (raw << 8) >> 8;
    }
}

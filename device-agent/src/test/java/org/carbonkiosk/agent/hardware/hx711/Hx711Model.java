package org.carbonkiosk.agent.hardware.hx711;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.carbonkiosk.agent.hardware.gpio.InputLine;
import org.carbonkiosk.agent.hardware.gpio.OutputLine;

/**
 * An HX711 written from its datasheet, on a simulated clock: DOUT goes low when a conversion is
 * ready; each PD_SCK rising edge shifts out the next bit (MSB first) of the 24-bit two's-complement
 * sample; the 25th to 27th pulses set DOUT high and choose the next gain; PD_SCK high for more
 * than 60 µs powers the chip down and the sample being read is lost (the bits shifted after it
 * read as 1s, the chip is not ready until it has powered up and converted again).
 */
final class Hx711Model {
    final FakeClock clock = new FakeClock();
    private final Deque<Integer> samples = new ArrayDeque<>();
    private boolean sckHigh;
    private long risingAt;
    private boolean poweredDown;
    private int pulses;
    private int shiftRegister;
    private boolean doutHigh = true;
    private boolean ready;
    int lastGainPulses;
    int completedReads;
    /** 1-based pulse numbers (counting over the whole life) during which the high phase lasts too long. */
    final java.util.Set<Integer> latePulses = new java.util.HashSet<>();
    private int pulseCounter;

    void queueSample(int value) {
        samples.add(value);
        if (!ready && !poweredDown) {
            loadNext();
        }
    }

    private void loadNext() {
        Integer next = samples.poll();
        if (next != null) {
            shiftRegister = next & 0xFFFFFF;
            ready = true;
            doutHigh = false;
            pulses = 0;
        }
    }

    final OutputLine sck = high -> {
        if (high && !sckHigh) {
            sckHigh = true;
            risingAt = clock.now;
            pulseCounter++;
            if (latePulses.contains(pulseCounter)) {
                clock.now += 70_000; // the driver thread was descheduled for 70 µs with PD_SCK high
            }
            if (ready && !poweredDown) {
                pulses++;
                if (pulses <= 24) {
                    doutHigh = ((shiftRegister >> (24 - pulses)) & 1) == 1;
                } else {
                    doutHigh = true;
                }
            }
        } else if (!high && sckHigh) {
            sckHigh = false;
            if (clock.now - risingAt > 60_000) {
                poweredDown = true;
                ready = false;
                doutHigh = true;
            }
            if (poweredDown) {
                // PD_SCK low again: the chip resets and powers up; the lost sample is gone
                return;
            }
        }
    };

    /** The driver has finished a read (its clock line is low); settle gain and load the next conversion. */
    private void endOfReadIfDone() {
        if (!sckHigh && ready && pulses >= 25) {
            lastGainPulses = pulses;
            completedReads++;
            ready = false;
            loadNext();
        }
        if (!sckHigh && poweredDown) {
            poweredDown = false;
            ready = false;
            pulses = 0;
            loadNext();
        }
    }

    final InputLine dout = new InputLine() {
        @Override
        public boolean isHigh() {
            // the driver samples DOUT after the data of the current pulse has settled;
            // a wait for readiness (clock low, between reads) finishes the previous read first
            if (!sckHigh) {
                endOfReadIfDone();
            }
            return doutHigh;
        }

        @Override
        public void onChange(Consumer<Boolean> listener) {
            throw new UnsupportedOperationException();
        }
    };

    /** A monotonic nanosecond clock that only moves when the model or the driver's waits move it. */
    static final class FakeClock {
        long now;

        long nanoTime() {
            now += 100; // each clock read costs 0.1 µs
            return now;
        }
    }
}

package org.carbonkiosk.agent.hardware.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioPartsTest {
    private final Context pi4j = MockPi4j.context();
    private final Pi4jLines lines = new Pi4jLines(pi4j, Optional.empty());

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private DigitalOutput out(String id) {
        return pi4j.io(id);
    }

    private MockDigitalInput in(String id) {
        return pi4j.io(id);
    }

    @Test
    void doorLock_activeLow_locksAtStartAndDrivesTheRelay() {
        GpioDoorLock lock = new GpioDoorLock(lines.output("door-lock", 17, true), false);
        assertThat(out("door-lock").state()).isEqualTo(DigitalState.HIGH); // locked = inactive = high

        lock.unlock();
        assertThat(out("door-lock").state()).isEqualTo(DigitalState.LOW);

        lock.lock();
        assertThat(out("door-lock").state()).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void doorSwitch_activeLowWithPullUp_openWhenLineLow() {
        GpioSwitch door = new GpioSwitch(lines.input("door-switch", 27, Pi4jLines.Pull.UP), false);

        in("door-switch").mockState(DigitalState.HIGH);
        assertThat(door.isOpen()).isFalse();

        in("door-switch").mockState(DigitalState.LOW);
        assertThat(door.isOpen()).isTrue();
    }

    @Test
    void binSwitch_activeHigh_reportsFullOrEmpty() {
        GpioSwitch bin = new GpioSwitch(lines.input("bin-full", 22, Pi4jLines.Pull.DOWN), true);

        in("bin-full").mockState(DigitalState.LOW);
        assertThat(bin.fillPercent()).isZero();
        in("bin-full").mockState(DigitalState.HIGH);
        assertThat(bin.fillPercent()).isEqualTo(100);
    }

    @Test
    void coinLine_threePlays_threePulsesWithGaps() throws IOException {
        OutputLine line = lines.output("coin", 23, false);
        List<String> trace = new ArrayList<>();
        out("coin").addListener(e -> trace.add(e.state().toString()));
        GpioCoinLine coin = new GpioCoinLine(line, true, 80, 120, nanos -> trace.add("wait" + nanos / 1_000_000));

        coin.grantPlays(3);

        assertThat(trace).containsExactly("HIGH", "wait80", "LOW", "wait120", "HIGH", "wait80", "LOW",
                "wait120", "HIGH", "wait80", "LOW");
        assertThat(out("coin").state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void prizeSensor_shortPulsesBetweenPolls_eachCountedOnce() {
        GpioPrizeSensor prize = new GpioPrizeSensor(lines.input("prize", 24, Pi4jLines.Pull.UP), false, 3);
        MockDigitalInput beam = in("prize");
        beam.mockState(DigitalState.HIGH);

        beam.mockState(DigitalState.LOW);
        beam.mockState(DigitalState.HIGH);
        beam.mockState(DigitalState.LOW);
        beam.mockState(DigitalState.HIGH);

        assertThat(prize.poll()).contains(3);
        assertThat(prize.poll()).contains(3);
        assertThat(prize.poll()).isEmpty();
    }

    @Test
    void prizeSensor_providerWithoutEdgeEvents_transitionSeenByPollingCountsOnce() {
        boolean[] level = {true};
        InputLine noEvents = new InputLine() {
            @Override
            public boolean isHigh() {
                return level[0];
            }

            @Override
            public void onChange(java.util.function.Consumer<Boolean> listener) {
                // this provider delivers no edge events
            }
        };
        GpioPrizeSensor prize = new GpioPrizeSensor(noEvents, false, 2);
        assertThat(prize.poll()).isEmpty();

        level[0] = false; // a prize is in the beam

        assertThat(prize.poll()).contains(2);
        assertThat(prize.poll()).isEmpty(); // still in the beam: the same prize
    }

    @Test
    void prizeSensor_transitionSeenByEventAndPoll_countsOnce() {
        GpioPrizeSensor prize = new GpioPrizeSensor(lines.input("prize2", 25, Pi4jLines.Pull.UP), false, 1);
        MockDigitalInput beam = in("prize2");
        beam.mockState(DigitalState.HIGH);
        assertThat(prize.poll()).isEmpty();

        beam.mockState(DigitalState.LOW); // event counts it; the poll then sees the same active level

        assertThat(prize.poll()).contains(1);
        assertThat(prize.poll()).isEmpty();
    }
}

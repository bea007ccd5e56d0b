package org.carbonkiosk.agent.hardware.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.Optional;
import java.util.function.Consumer;

/** Adapts pi4j 2.x digital inputs and outputs (BCM numbering) to {@link InputLine}/{@link OutputLine}. */
public final class Pi4jLines {
    /** Pull resistor choice for an input. */
    public enum Pull { UP, DOWN, OFF }

    private final Context context;
    private final Optional<String> provider;

    /** @param provider a pi4j provider id (e.g. {@code gpiod-digital-input}); empty = pi4j's default */
    public Pi4jLines(Context context, Optional<String> provider) {
        this.context = context;
        this.provider = provider;
    }

    public OutputLine output(String id, int bcm, boolean initialHigh) {
        DigitalOutputConfigBuilder builder = DigitalOutput.newConfigBuilder(context)
                .id(id).name(id).address(bcm)
                .initial(initialHigh ? DigitalState.HIGH : DigitalState.LOW)
                .shutdown(initialHigh ? DigitalState.HIGH : DigitalState.LOW);
        provider.ifPresent(p -> builder.provider(p + "-digital-output"));
        DigitalOutput out = context.create(builder.build());
        return high -> out.state(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    public InputLine input(String id, int bcm, Pull pull) {
        DigitalInputConfigBuilder builder = DigitalInput.newConfigBuilder(context)
                .id(id).name(id).address(bcm)
                .pull(switch (pull) {
                    case UP -> PullResistance.PULL_UP;
                    case DOWN -> PullResistance.PULL_DOWN;
                    case OFF -> PullResistance.OFF;
                });
        provider.ifPresent(p -> builder.provider(p + "-digital-input"));
        DigitalInput in = context.create(builder.build());
        return new InputLine() {
            @Override
            public boolean isHigh() {
                return in.state() == DigitalState.HIGH;
            }

            @Override
            public void onChange(Consumer<Boolean> listener) {
                in.addListener(event -> listener.accept(event.state() == DigitalState.HIGH));
            }
        };
    }
}

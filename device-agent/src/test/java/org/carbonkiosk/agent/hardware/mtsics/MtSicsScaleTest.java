package org.carbonkiosk.agent.hardware.mtsics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MtSicsScaleTest {
    private final MtSicsTerminalModel terminal = new MtSicsTerminalModel();

    private MtSicsScale scale(MtSicsScale.Mode mode) {
        return new MtSicsScale(terminal, mode, 1000, 2, 10, nanos -> { });
    }

    @Test
    void readGrams_stableCommand_sendsSAndParsesGrams() throws IOException {
        terminal.weight = "100.00";

        assertThat(scale(MtSicsScale.Mode.STABLE).readGrams()).isEqualTo(100);
        assertThat(terminal.received).containsExactly("S");
    }

    @Test
    void readGrams_kilograms_convertedToGrams() throws IOException {
        terminal.weight = "1.2345";
        terminal.unit = "kg";

        assertThat(scale(MtSicsScale.Mode.STABLE).readGrams()).isEqualTo(1235);
    }

    @Test
    void readGrams_negativeWeight_kept() throws IOException {
        terminal.weight = "-12.40";

        assertThat(scale(MtSicsScale.Mode.IMMEDIATE).readGrams()).isEqualTo(-12);
    }

    @Test
    void readGrams_immediateWhileDynamic_returnsTheDynamicWeight() throws IOException {
        terminal.weight = "250.6";
        terminal.stable = false;

        assertThat(scale(MtSicsScale.Mode.IMMEDIATE).readGrams()).isEqualTo(251);
        assertThat(terminal.received).containsExactly("SI");
    }

    @Test
    void readGrams_stableNeverReached_busyRetriedThenFails() {
        terminal.stable = false;

        assertThatThrownBy(() -> scale(MtSicsScale.Mode.STABLE).readGrams())
                .isInstanceOf(IOException.class).hasMessageContaining("busy");
        assertThat(terminal.received).hasSize(3);
    }

    @Test
    void readGrams_busyOnce_retriedAndRead() throws IOException {
        terminal.busyAnswers = 1;
        terminal.weight = "42.0";

        assertThat(scale(MtSicsScale.Mode.STABLE).readGrams()).isEqualTo(42);
        assertThat(terminal.received).containsExactly("S", "S");
    }

    @Test
    void readGrams_overload_failsNamingIt() {
        terminal.overload = true;

        assertThatThrownBy(() -> scale(MtSicsScale.Mode.STABLE).readGrams()).hasMessageContaining("overload");
    }

    @Test
    void readGrams_underload_failsNamingIt() {
        terminal.underload = true;

        assertThatThrownBy(() -> scale(MtSicsScale.Mode.IMMEDIATE).readGrams()).hasMessageContaining("underload");
    }

    @Test
    void readGrams_staleAnswerInBuffer_discardedBeforeTheCommand() throws IOException {
        terminal.weight = "5.00";
        terminal.stale.add("S S      999.00 g");
        terminal.send("SI"); // an earlier exchange whose answer nobody read
        terminal.received.clear();

        assertThat(scale(MtSicsScale.Mode.STABLE).readGrams()).isEqualTo(5);
    }

    @Test
    void parse_errorsAndUnits() {
        assertThat(MtSicsReply.parse("ES")).isInstanceOf(MtSicsReply.Failure.class);
        assertThat(MtSicsReply.parse("ET")).isInstanceOf(MtSicsReply.Failure.class);
        assertThat(MtSicsReply.parse("EL")).isInstanceOf(MtSicsReply.Failure.class);
        assertThat(MtSicsReply.parse("S S      12.00 lb")).isInstanceOf(MtSicsReply.Failure.class);
        assertThat(MtSicsReply.parse("S S   -  1.500 kg")).isEqualTo(new MtSicsReply.Weight(-1500, true));
        assertThat(MtSicsReply.parse("S D     1500 mg")).isEqualTo(new MtSicsReply.Weight(2, false));
    }
}

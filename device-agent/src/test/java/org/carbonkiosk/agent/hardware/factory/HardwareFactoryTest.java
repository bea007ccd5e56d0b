package org.carbonkiosk.agent.hardware.factory;

import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.hardware.LoadCellScale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.hardware.gpio.GpioCoinLine;
import org.carbonkiosk.agent.hardware.gpio.GpioDoorLock;
import org.carbonkiosk.agent.hardware.gpio.GpioPrizeSensor;
import org.carbonkiosk.agent.hardware.gpio.GpioSwitch;
import org.carbonkiosk.agent.hardware.gpio.MockPi4j;
import org.carbonkiosk.agent.hardware.keyboard.KeyboardCardReader;
import org.carbonkiosk.agent.hardware.mfrc522.Mfrc522CardReader;
import org.carbonkiosk.agent.hardware.opcua.TestPlcServer;
import org.junit.jupiter.api.Test;

class HardwareFactoryTest {
    private static final Optional<Calibration> CALIBRATION =
            Optional.of(new Calibration(1000, 2.0, OffsetDateTime.parse("2026-11-01T10:00:00+08:00")));
    private final AtomicReference<Context> pi4j = new AtomicReference<>();
    private final Supplier<Context> mockPi4j = () -> {
        Context c = MockPi4j.context();
        pi4j.set(c);
        return c;
    };
    private static final Supplier<Context> NO_PI4J = () -> {
        throw new AssertionError("no part should need pi4j");
    };

    private static ConfigSource config(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ConfigSource.of(p);
    }

    @Test
    void build_defaults_hx711Mfrc522AndGpioOnOnePi4jContextClosedByCloser() throws Exception {
        HardwareFactory.Built built = HardwareFactory.build(config(), CALIBRATION, true, mockPi4j);
        Hardware hw = built.hardware();

        assertThat(hw.scale()).isInstanceOf(LoadCellScale.class);
        assertThat(hw.cardReader()).isInstanceOf(Mfrc522CardReader.class);
        assertThat(hw.doorLock()).isInstanceOf(GpioDoorLock.class);
        assertThat(hw.doorSwitch()).isInstanceOf(GpioSwitch.class);
        assertThat(hw.binSensor()).isInstanceOf(GpioSwitch.class);
        assertThat(hw.coinLine()).containsInstanceOf(GpioCoinLine.class);
        assertThat(hw.prizeSensor()).containsInstanceOf(GpioPrizeSensor.class);
        assertThat(built.simulated()).isEmpty();
        DigitalOutput lock = pi4j.get().io("door-lock");
        assertThat(lock.address()).isEqualTo(17);
        assertThat(lock.state()).isEqualTo(DigitalState.LOW); // active-high relay, locked at start
        assertThat(((DigitalOutput) pi4j.get().io("mfrc522-reset")).state()).isEqualTo(DigitalState.HIGH);

        hw.close();
        assertThat(pi4j.get().isShutdown()).isTrue();
    }

    @Test
    void build_notClaw_noCoinOrPrize() throws Exception {
        try (Hardware hw = HardwareFactory.build(config(), CALIBRATION, false, mockPi4j).hardware()) {
            assertThat(hw.coinLine()).isEmpty();
            assertThat(hw.prizeSensor()).isEmpty();
        }
    }

    @Test
    void build_customPinsActiveLowLock_used() throws Exception {
        try (Hardware hw = HardwareFactory.build(config("hardware.gpio.doorLock.pin", "16",
                "hardware.gpio.doorLock.activeHigh", "false"), CALIBRATION, false, mockPi4j).hardware()) {
            DigitalOutput lock = pi4j.get().io("door-lock");
            assertThat(lock.address()).isEqualTo(16);
            assertThat(lock.state()).isEqualTo(DigitalState.HIGH);
            hw.doorLock().unlock();
            assertThat(lock.state()).isEqualTo(DigitalState.LOW);
        }
    }

    @Test
    void build_loadCellWithoutCalibration_refusedNamingTheScaleKey() {
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.scale.type", "nau7802"), Optional.empty(), false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.scale.type"))
                .hasMessageContaining("calibration");
    }

    @Test
    void build_unknownType_refusedNamingTheKey() {
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.cardReader.type", "nfc"), CALIBRATION, false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.cardReader.type"));
    }

    @Test
    void build_badPinValue_refusedNamingTheKey() {
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.gpio.doorSwitch.pin", "twelve"), CALIBRATION, false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.gpio.doorSwitch.pin"));
    }

    @Test
    void build_twoPartsOnOnePin_refusedNamingTheSecondKeyAndClosesWhatWasOpened() {
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.gpio.doorLock.pin", "5"), CALIBRATION, false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.gpio.doorLock.pin"))
                .hasMessageContaining("hardware.hx711.doutPin");
        assertThat(pi4j.get().isShutdown()).isTrue();
    }

    @Test
    void build_badGainAndAddress_refusedNamingTheKey() {
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.hx711.gain", "100"), CALIBRATION, false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.hx711.gain"));
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.scale.type", "nau7802",
                "hardware.nau7802.address", "0xZZ"), CALIBRATION, false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.nau7802.address"));
    }

    @Test
    void build_nau7802AtHexAddress_built() throws Exception {
        try (Hardware hw = HardwareFactory.build(config("hardware.scale.type", "nau7802", "hardware.nau7802.address", "0x2B"),
                CALIBRATION, false, mockPi4j).hardware()) {
            assertThat(hw.scale()).isInstanceOf(LoadCellScale.class);
            com.pi4j.io.i2c.I2C i2c = pi4j.get().io("nau7802");
            assertThat(i2c.device()).isEqualTo(0x2B);
        }
    }

    @Test
    void build_allSimulated_noPi4jAndTheSimulatedKioskDrivesTheParts() throws Exception {
        HardwareFactory.Built built = HardwareFactory.build(config("hardware.scale.type", "simulated",
                "hardware.cardReader.type", "simulated", "hardware.io.type", "simulated", "hardware.sim.tareGrams", "800"),
                Optional.empty(), true, NO_PI4J);

        built.simulated().orElseThrow().add(250);
        built.simulated().orElseThrow().tap(new byte[] {1, 2, 3, 4});

        assertThat(built.hardware().scale().readGrams()).isEqualTo(1050);
        assertThat(built.hardware().cardReader().poll()).isPresent();
        assertThat(built.hardware().coinLine()).isPresent();
    }

    @Test
    void build_mixedBench_simulatedScaleWithRealGpio() throws Exception {
        HardwareFactory.Built built = HardwareFactory.build(config("hardware.scale.type", "simulated"),
                Optional.empty(), false, mockPi4j);
        try (Hardware hw = built.hardware()) {
            built.simulated().orElseThrow().add(40);
            assertThat(hw.scale().readGrams()).isEqualTo(40);
            assertThat(hw.doorLock()).isInstanceOf(GpioDoorLock.class);
        }
    }

    @Test
    void build_keyboardAndMtSics_requireTheirDeviceKeys() {
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.cardReader.type", "keyboard"), CALIBRATION, false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.keyboard.device"));
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.scale.type", "mtsics"), Optional.empty(), false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.mtsics.port"));
    }

    @Test
    void build_mtSicsPortMissing_buildsAndEachReadIsAnIOException() throws Exception {
        try (Hardware hw = HardwareFactory.build(config("hardware.scale.type", "mtsics",
                "hardware.mtsics.port", "/dev/does-not-exist-kiosk"), Optional.empty(), false, mockPi4j).hardware()) {
            assertThatThrownBy(() -> hw.scale().readGrams())
                    .isInstanceOf(IOException.class).hasMessageContaining("/dev/does-not-exist-kiosk");
        }
    }

    @Test
    void build_keyboardLineReader_readsTheDevice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path device = dir.resolve("reader");
        java.nio.file.Files.writeString(device, "DEADBEEF\n");
        try (Hardware hw = HardwareFactory.build(config("hardware.cardReader.type", "keyboard",
                "hardware.keyboard.device", device.toString(), "hardware.keyboard.input", "lines",
                "hardware.keyboard.format", "hex", "hardware.keyboard.byteOrder", "big", "hardware.keyboard.reopenMs", "600000"),
                CALIBRATION, false, mockPi4j).hardware()) {
            assertThat(hw.cardReader()).isInstanceOf(KeyboardCardReader.class);
            org.awaitility.Awaitility.await().until(() -> hw.cardReader().poll()
                    .map(uid -> uid[0] == (byte) 0xDE).orElse(false));
        }
    }

    @Test
    void build_opcUaEverything_talksToThePlc() throws Exception {
        try (TestPlcServer plc = TestPlcServer.start(Map.of("W", 2.5, "Lock", false, "Door", true, "Bin", 80.0,
                "Plays", 0, "Prizes", 0))) {
            ConfigSource cfg = config("hardware.scale.type", "opcua", "hardware.cardReader.type", "simulated",
                    "hardware.io.type", "opcua", "hardware.opcua.endpoint", plc.endpointUrl(),
                    "hardware.opcua.weightUnit", "kg",
                    "hardware.opcua.node.weight", plc.nodeId("W"), "hardware.opcua.node.doorLock", plc.nodeId("Lock"),
                    "hardware.opcua.node.doorSwitch", plc.nodeId("Door"), "hardware.opcua.node.binFill", plc.nodeId("Bin"),
                    "hardware.opcua.node.coin", plc.nodeId("Plays"), "hardware.opcua.node.prizeCounter", plc.nodeId("Prizes"));
            try (Hardware hw = HardwareFactory.build(cfg, Optional.empty(), true, NO_PI4J).hardware()) {
                assertThat(hw.scale().readGrams()).isEqualTo(2500);
                assertThat(hw.doorSwitch().isOpen()).isTrue();
                assertThat(hw.binSensor().fillPercent()).isEqualTo(80);
                hw.doorLock().unlock();
                hw.coinLine().orElseThrow().grantPlays(2);
                assertThat(plc.value("Lock")).isEqualTo(true);
                assertThat(plc.value("Plays")).isEqualTo(2);
            }
        }
    }

    @Test
    void build_opcUaBadNodeOrEndpoint_refusedNamingTheKey() {
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.scale.type", "opcua",
                "hardware.opcua.endpoint", "opc.tcp://127.0.0.1:4840", "hardware.opcua.node.weight", "not a node"),
                Optional.empty(), false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.opcua.node.weight"));
        assertThatThrownBy(() -> HardwareFactory.build(config("hardware.scale.type", "opcua"), Optional.empty(), false, mockPi4j))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("hardware.opcua.endpoint"));
    }
}

package org.carbonkiosk.agent.hardware.factory;

import org.carbonkiosk.agent.hardware.BinSensor;
import org.carbonkiosk.agent.hardware.CoinLine;
import org.carbonkiosk.agent.hardware.DoorLock;
import org.carbonkiosk.agent.hardware.DoorSwitch;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.hardware.PrizeSensor;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.hardware.gpio.GpioCoinLine;
import org.carbonkiosk.agent.hardware.gpio.GpioDoorLock;
import org.carbonkiosk.agent.hardware.gpio.GpioPrizeSensor;
import org.carbonkiosk.agent.hardware.gpio.GpioSwitch;
import org.carbonkiosk.agent.hardware.gpio.Pi4jLines;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.carbonkiosk.agent.hardware.opcua.OpcUaConnection;
import org.carbonkiosk.agent.hardware.opcua.OpcUaParts;

/** Door lock, door switch, bin sensor and claw parts named by {@code hardware.io.type}. */
final class IoParts {
    private IoParts() {
    }

    /** The kiosk's inputs and outputs. */
    record Io(DoorLock doorLock, DoorSwitch doorSwitch, BinSensor binSensor, Optional<CoinLine> coinLine,
              Optional<PrizeSensor> prizeSensor) {
        static Io of(Hardware h) {
            return new Io(h.doorLock(), h.doorSwitch(), h.binSensor(), h.coinLine(), h.prizeSensor());
        }
    }

    private static final BinSensor NO_BIN_SENSOR = () -> 0;

    static Io create(String type, ConfigSource config, boolean claw, HardwareResources res) {
        boolean binSensor = config.bool("hardware.io.binSensor", true);
        return switch (type) {
            case "gpio" -> gpio(config, claw, binSensor, res);
            case "opcua" -> opcUa(config, claw, binSensor, res);
            default -> throw new ConfigException("hardware.io.type", "unknown io '" + type + "'");
        };
    }

    private static Io gpio(ConfigSource config, boolean claw, boolean binSensor, HardwareResources res) {
        Pi4jLines lines = res.lines();
        boolean lockActiveHigh = config.bool("hardware.gpio.doorLock.activeHigh", true);
        GpioDoorLock lock = new GpioDoorLock(
                lines.output("door-lock", res.pin("hardware.gpio.doorLock.pin", 17), !lockActiveHigh), lockActiveHigh);
        GpioSwitch door = new GpioSwitch(lines.input("door-switch", res.pin("hardware.gpio.doorSwitch.pin", 27),
                pull(config, "hardware.gpio.doorSwitch.pull")), config.bool("hardware.gpio.doorSwitch.activeHigh", false));
        BinSensor bin = NO_BIN_SENSOR;
        if (binSensor) {
            bin = new GpioSwitch(lines.input("bin-full", res.pin("hardware.gpio.binFull.pin", 22),
                    pull(config, "hardware.gpio.binFull.pull")), config.bool("hardware.gpio.binFull.activeHigh", false));
        }
        if (!claw) {
            return new Io(lock, door, bin, Optional.empty(), Optional.empty());
        }
        boolean coinActiveHigh = config.bool("hardware.gpio.coin.activeHigh", true);
        GpioCoinLine coin = new GpioCoinLine(
                lines.output("coin", res.pin("hardware.gpio.coin.pin", 23), !coinActiveHigh), coinActiveHigh,
                config.longValue("hardware.gpio.coin.pulseMs", 100, 1, 10_000),
                config.longValue("hardware.gpio.coin.gapMs", 100, 1, 10_000), Sleeper.SYSTEM);
        GpioPrizeSensor prize = new GpioPrizeSensor(lines.input("prize", res.pin("hardware.gpio.prize.pin", 24),
                pull(config, "hardware.gpio.prize.pull")), config.bool("hardware.gpio.prize.activeHigh", false),
                config.integer("hardware.gpio.prize.slot", 1, 0, 10_000));
        return new Io(lock, door, bin, Optional.of(coin), Optional.of(prize));
    }

    private static Pi4jLines.Pull pull(ConfigSource config, String key) {
        return Pi4jLines.Pull.valueOf(config.choice(key, "up", Set.of("up", "down", "off")).toUpperCase());
    }

    private static Io opcUa(ConfigSource config, boolean claw, boolean binSensor, HardwareResources res) {
        OpcUaConnection ua = res.opcUa();
        DoorLock lock = OpcUaParts.doorLock(ua, Nodes.required(config, "hardware.opcua.node.doorLock"),
                config.bool("hardware.opcua.doorLock.unlockedValue", true));
        DoorSwitch door = OpcUaParts.doorSwitch(ua, Nodes.required(config, "hardware.opcua.node.doorSwitch"),
                config.bool("hardware.opcua.doorSwitch.openValue", true));
        BinSensor bin = binSensor ? OpcUaParts.binSensor(ua, Nodes.required(config, "hardware.opcua.node.binFill"))
                : NO_BIN_SENSOR;
        if (!claw) {
            return new Io(lock, door, bin, Optional.empty(), Optional.empty());
        }
        CoinLine coin = config.choice("hardware.opcua.coin.mode", "plays", Set.of("plays", "pulse")).equals("plays")
                ? OpcUaParts.coinPlays(ua, Nodes.required(config, "hardware.opcua.node.coin"))
                : OpcUaParts.coinPulse(ua, Nodes.required(config, "hardware.opcua.node.coin"),
                        config.longValue("hardware.opcua.coin.pulseMs", 100, 1, 10_000),
                        config.longValue("hardware.opcua.coin.gapMs", 100, 1, 10_000), Sleeper.SYSTEM);
        PrizeSensor prize = OpcUaParts.prizeSensor(ua, Nodes.required(config, "hardware.opcua.node.prizeCounter"),
                Nodes.optional(config, "hardware.opcua.node.prizeSlot"),
                config.integer("hardware.opcua.prize.slot", 1, 0, 10_000));
        return new Io(lock, door, bin, Optional.of(coin), Optional.of(prize));
    }
}

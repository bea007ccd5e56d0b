package org.carbonkiosk.agent.hardware.factory;

import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.LoadCellAdc;
import org.carbonkiosk.agent.hardware.LoadCellScale;
import org.carbonkiosk.agent.hardware.Scale;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfigBuilder;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.hardware.gpio.Pi4jLines;
import org.carbonkiosk.agent.hardware.hx711.Hx711;
import org.carbonkiosk.agent.hardware.hx711.Hx711Gain;
import org.carbonkiosk.agent.hardware.mtsics.MtSicsScale;
import org.carbonkiosk.agent.hardware.mtsics.SerialLineChannel;
import org.carbonkiosk.agent.hardware.nau7802.Nau7802;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;

/** The scale named by {@code hardware.scale.type}, from its {@code hardware.<type>.*} keys. */
final class ScaleParts {
    private ScaleParts() {
    }

    static Scale create(String type, ConfigSource config, Optional<Calibration> calibration, HardwareResources res)
            throws IOException {
        return switch (type) {
            case "hx711" -> new LoadCellScale(hx711(config, res), calibration.orElseThrow());
            case "nau7802" -> new LoadCellScale(nau7802(config, res), calibration.orElseThrow());
            case "mtsics" -> mtSics(config, res);
            case "opcua" -> org.carbonkiosk.agent.hardware.opcua.OpcUaParts.scale(res.opcUa(),
                    Nodes.required(config, "hardware.opcua.node.weight"),
                    config.choice("hardware.opcua.weightUnit", "g", Set.of("g", "kg")).equals("kg") ? 1000 : 1);
            default -> throw new ConfigException("hardware.scale.type", "unknown scale '" + type + "'");
        };
    }

    private static LoadCellAdc hx711(ConfigSource config, HardwareResources res) {
        int dout = res.pin("hardware.hx711.doutPin", 5);
        int sck = res.pin("hardware.hx711.sckPin", 6);
        int gainValue = config.integer("hardware.hx711.gain", 128, 32, 128);
        Hx711Gain gain;
        try {
            gain = Hx711Gain.of(gainValue);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("hardware.hx711.gain", "must be 128, 64 or 32, was " + gainValue);
        }
        Pi4jLines lines = res.lines();
        return new Hx711(lines.output("hx711-sck", sck, false), lines.input("hx711-dout", dout, Pi4jLines.Pull.OFF), gain,
                config.integer("hardware.hx711.attempts", 5, 1, 50),
                config.integer("hardware.hx711.readyTimeoutMs", 500, 10, 10_000),
                config.integer("hardware.hx711.maxClockHighMicros", 50, 1, 59),
                System::nanoTime, Sleeper.SYSTEM);
    }

    private static LoadCellAdc nau7802(ConfigSource config, HardwareResources res) {
        Nau7802.Settings settings;
        try {
            settings = new Nau7802.Settings(config.integer("hardware.nau7802.gain", 128, 1, 128),
                    config.integer("hardware.nau7802.ldoMillivolts", 3300, 2400, 4500),
                    config.integer("hardware.nau7802.samplesPerSecond", 10, 10, 320),
                    config.integer("hardware.nau7802.timeoutMs", 1000, 10, 10_000));
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().startsWith("gain") ? "hardware.nau7802.gain"
                    : e.getMessage().startsWith("ldo") ? "hardware.nau7802.ldoMillivolts" : "hardware.nau7802.samplesPerSecond";
            throw new ConfigException(key, e.getMessage());
        }
        int address = Nodes.integer(config, "hardware.nau7802.address", Nau7802.DEFAULT_ADDRESS, 0x03, 0x77);
        I2CConfigBuilder builder = I2C.newConfigBuilder(res.pi4j()).id("nau7802")
                .bus(config.integer("hardware.nau7802.bus", 1, 0, 10)).device(address);
        res.providerPrefix().ifPresent(p -> builder.provider(p + "-i2c"));
        I2C i2c = res.pi4j().create(builder.build());
        return new Nau7802(i2c, settings);
    }

    private static Scale mtSics(ConfigSource config, HardwareResources res) throws IOException {
        String port = config.string("hardware.mtsics.port");
        int baud = config.integer("hardware.mtsics.baud", 9600, 300, 921_600);
        MtSicsScale.Mode mode = config.choice("hardware.mtsics.mode", "immediate", Set.of("stable", "immediate"))
                .equals("stable") ? MtSicsScale.Mode.STABLE : MtSicsScale.Mode.IMMEDIATE;
        long timeout = config.longValue("hardware.mtsics.timeoutMs", 2000, 50, 60_000);
        int retries = config.integer("hardware.mtsics.busyRetries", 3, 0, 100);
        long delay = config.longValue("hardware.mtsics.busyDelayMs", 200, 0, 10_000);
        return res.track(new MtSicsScale(new SerialLineChannel(port, baud), mode, timeout, retries, delay, Sleeper.SYSTEM));
    }
}

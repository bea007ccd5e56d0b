package org.carbonkiosk.agent.hardware.factory;

import org.carbonkiosk.agent.hardware.CardReader;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiConfigBuilder;
import com.pi4j.io.spi.SpiMode;
import java.io.FileInputStream;
import java.util.Set;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.carbonkiosk.agent.hardware.keyboard.EvdevLineSource;
import org.carbonkiosk.agent.hardware.keyboard.KeyboardCardReader;
import org.carbonkiosk.agent.hardware.keyboard.LineSource;
import org.carbonkiosk.agent.hardware.keyboard.TextLineSource;
import org.carbonkiosk.agent.hardware.keyboard.UidFormat;
import org.carbonkiosk.agent.hardware.mfrc522.Mfrc522;
import org.carbonkiosk.agent.hardware.mfrc522.Mfrc522CardReader;
import org.carbonkiosk.agent.hardware.opcua.OpcUaParts;

/** The card reader named by {@code hardware.cardReader.type}, from its {@code hardware.<type>.*} keys. */
final class CardReaderParts {
    private CardReaderParts() {
    }

    static CardReader create(String type, ConfigSource config, HardwareResources res) {
        return switch (type) {
            case "mfrc522" -> mfrc522(config, res);
            case "keyboard" -> keyboard(config, res);
            case "opcua" -> OpcUaParts.cardReader(res.opcUa(), Nodes.required(config, "hardware.opcua.node.cardUid"));
            default -> throw new ConfigException("hardware.cardReader.type", "unknown card reader '" + type + "'");
        };
    }

    private static CardReader mfrc522(ConfigSource config, HardwareResources res) {
        int bus = config.integer("hardware.mfrc522.spiBus", 0, 0, 1);
        int chipSelect = config.integer("hardware.mfrc522.chipSelect", 0, 0, 2);
        int baud = config.integer("hardware.mfrc522.baud", 1_000_000, 10_000, 10_000_000);
        int absentPolls = config.integer("hardware.mfrc522.absentPolls", 2, 1, 100);
        int resetPin = config.integer("hardware.mfrc522.resetPin", 25, -1, 27);
        if (resetPin >= 0) {
            res.pin("hardware.mfrc522.resetPin", 25);
            res.lines().output("mfrc522-reset", resetPin, true); // NRSTPD high: out of hard power-down
        }
        SpiConfigBuilder builder = Spi.newConfigBuilder(res.pi4j()).id("mfrc522")
                .bus(bus == 0 ? SpiBus.BUS_0 : SpiBus.BUS_1).channel(chipSelect).mode(SpiMode.MODE_0).baud(baud);
        res.providerPrefix().ifPresent(p -> builder.provider(p + "-spi"));
        Spi spi = res.pi4j().create(builder.build());
        return new Mfrc522CardReader(new Mfrc522(spi, Sleeper.SYSTEM), absentPolls);
    }

    private static CardReader keyboard(ConfigSource config, HardwareResources res) {
        String device = config.string("hardware.keyboard.device");
        boolean evdev = config.choice("hardware.keyboard.input", "evdev", Set.of("evdev", "lines")).equals("evdev");
        int eventSize = config.integer("hardware.keyboard.eventSize", 24, 16, 24);
        if (eventSize != 16 && eventSize != 24) {
            throw new ConfigException("hardware.keyboard.eventSize", "must be 24 (64-bit) or 16 (32-bit), was " + eventSize);
        }
        UidFormat format = new UidFormat(
                config.choice("hardware.keyboard.format", "decimal", Set.of("decimal", "hex")).equals("hex")
                        ? UidFormat.Encoding.HEX : UidFormat.Encoding.DECIMAL,
                config.choice("hardware.keyboard.byteOrder", "little", Set.of("little", "big")).equals("little"));
        KeyboardCardReader.Opener opener = () -> {
            FileInputStream in = new FileInputStream(device);
            LineSource source = evdev ? new EvdevLineSource(in, eventSize) : new TextLineSource(in);
            return source;
        };
        return res.track(new KeyboardCardReader(opener, format, Sleeper.SYSTEM,
                config.longValue("hardware.keyboard.reopenMs", 2000, 10, 600_000))).start();
    }
}

package org.carbonkiosk.agent.hardware.factory;

import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.Hardware;
import org.carbonkiosk.agent.hardware.Scale;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.tinylog.Logger;

/**
 * Builds a kiosk's real hardware (pi4j, serial, OPC UA) from the {@code hardware.*} keys, part by
 * part: {@code hardware.scale.type} (hx711, nau7802, mtsics, opcua, simulated),
 * {@code hardware.cardReader.type} (mfrc522, keyboard, opcua, simulated) and
 * {@code hardware.io.type} (gpio, opcua, simulated: door lock, door switch, bin sensor and, on claw
 * kiosks, coin line and prize sensor). Simulated parts share one {@link SimulatedKiosk} so a bench
 * can mix real and simulated parts. Every key and its default: docs/hardware.md.
 * {@code hardware.type=simulated} as a whole is handled by the caller with a SimulatedKiosk.
 */
public final class HardwareFactory {
    static final Set<String> SCALES = Set.of("hx711", "nau7802", "mtsics", "opcua", "simulated");
    static final Set<String> CARD_READERS = Set.of("mfrc522", "keyboard", "opcua", "simulated");
    static final Set<String> IO = Set.of("gpio", "opcua", "simulated");

    private HardwareFactory() {
    }

    /** The hardware, and the simulated kiosk behind the parts configured as {@code simulated}, if any. */
    public record Built(Hardware hardware, Optional<SimulatedKiosk> simulated) {
    }

    /**
     * @param calibration the load cell's calibration (calibration.json); required for hx711 and nau7802
     * @throws ConfigException naming the key of a missing or invalid setting
     * @throws IOException when a device cannot be opened (serial port)
     */
    public static Hardware create(ConfigSource config, Optional<Calibration> calibration, boolean claw)
            throws IOException {
        return build(config, calibration, claw, Pi4J::newAutoContext).hardware();
    }

    /** As {@link #create}, also giving the simulated kiosk behind {@code simulated} parts (mixed benches). */
    public static Built build(ConfigSource config, Optional<Calibration> calibration, boolean claw) throws IOException {
        return build(config, calibration, claw, Pi4J::newAutoContext);
    }

    /** As {@link #create}, with the pi4j context made by {@code pi4j} (created only if a part needs it). */
    public static Built build(ConfigSource config, Optional<Calibration> calibration, boolean claw,
                              Supplier<Context> pi4j) throws IOException {
        String scaleType = config.choice("hardware.scale.type", "hx711", SCALES);
        String readerType = config.choice("hardware.cardReader.type", "mfrc522", CARD_READERS);
        String ioType = config.choice("hardware.io.type", "gpio", IO);
        if ((scaleType.equals("hx711") || scaleType.equals("nau7802")) && calibration.isEmpty()) {
            throw new ConfigException("hardware.scale.type", "is " + scaleType
                    + " (a load cell) but there is no calibration: calibrate the scale with the provisioning tool"
                    + " (calibration.json in identity.dir)");
        }
        boolean anySimulated = scaleType.equals("simulated") || readerType.equals("simulated") || ioType.equals("simulated");
        Optional<SimulatedKiosk> sim = anySimulated
                ? Optional.of(new SimulatedKiosk(config.integer("hardware.sim.tareGrams", 0, 0, 1_000_000)))
                : Optional.empty();
        Optional<Hardware> simParts = sim.map(k -> k.hardware(claw));
        HardwareResources resources = new HardwareResources(config, pi4j);
        try {
            Scale scale = scaleType.equals("simulated") ? simParts.get().scale()
                    : ScaleParts.create(scaleType, config, calibration, resources);
            CardReader reader = readerType.equals("simulated") ? simParts.get().cardReader()
                    : CardReaderParts.create(readerType, config, resources);
            IoParts.Io io = ioType.equals("simulated") ? IoParts.Io.of(simParts.get())
                    : IoParts.create(ioType, config, claw, resources);
            Hardware hardware = new Hardware(scale, reader, io.doorLock(), io.doorSwitch(), io.binSensor(),
                    io.coinLine(), io.prizeSensor(), resources);
            Logger.info("hardware: scale {}, card reader {}, io {}{}", scaleType, readerType, ioType, claw ? " (claw)" : "");
            return new Built(hardware, sim);
        } catch (RuntimeException | IOException e) {
            resources.close();
            throw e;
        }
    }
}

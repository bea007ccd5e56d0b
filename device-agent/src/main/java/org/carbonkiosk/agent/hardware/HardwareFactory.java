package org.carbonkiosk.agent.hardware;

import java.io.IOException;
import java.util.Optional;
import org.carbonkiosk.agent.config.ConfigException;
import org.carbonkiosk.agent.config.ConfigSource;

/**
 * Builds a kiosk's real hardware (pi4j, serial, OPC UA) from the {@code hardware.*} keys.
 * {@code hardware.type=simulated} is handled by the caller with a
 * {@link org.carbonkiosk.agent.hardware.sim.SimulatedKiosk}.
 */
public final class HardwareFactory {
    private HardwareFactory() {
    }

    public static Hardware create(ConfigSource config, Optional<Calibration> calibration, boolean claw)
            throws IOException {
        throw new ConfigException("hardware.type", "real drivers are not wired in this build yet");
    }
}

package org.carbonkiosk.provisioning.hardware;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.factory.HardwareFactory;
import org.carbonkiosk.agent.hardware.LoadCellAdc;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;

/**
 * The hardware of a real run. {@code hardware.type=simulated} gives a {@link SimulatedToolHardware}
 * that acts for the technician (demo, laptop). {@code hardware.type=pi} opens the agent's real
 * drivers through {@link HardwareFactory} with a unit calibration (offset 0, 1 count per gram), so
 * a load-cell scale's "grams" are its raw counts, which is what calibration needs.
 */
public final class SystemHardwareProvider implements HardwareProvider {

    @Override
    public ToolHardware open(KioskConfig config) {
        if (config.hardwareType().equals("simulated")) {
            return new SimulatedToolHardware(SimulatedLoadCell.typical(), true);
        }
        String scaleType = config.source().string("hardware.scale.type", "hx711");
        boolean loadCell = scaleType.equals("hx711") || scaleType.equals("nau7802");
        Calibration unit = new Calibration(0, 1.0, OffsetDateTime.now());
        HardwareFactory.Built built;
        try {
            built = HardwareFactory.build(config.source(), Optional.of(unit), config.claw());
        } catch (ConfigException e) {
            throw ProvisionException.local(config.file() + ": " + e.getMessage() + " (see docs/hardware.md)");
        } catch (IOException | RuntimeException e) {
            throw new ProvisionException(ExitCodes.HARDWARE, "cannot open the kiosk's hardware: " + e.getMessage()
                    + ". Check the wiring and the hardware.* settings (docs/hardware.md); is the agent stopped?"
                    + " (systemctl stop kiosk-agent: it holds the same pins)");
        }
        return new ToolHardware() {
            @Override
            public LoadCellAdc loadCell() {
                return () -> built.hardware().scale().readGrams();
            }

            @Override
            public ScaleKind scaleKind() {
                return loadCell ? ScaleKind.LOAD_CELL : ScaleKind.GRAMS;
            }

            @Override
            public CardReader cardReader() {
                return built.hardware().cardReader();
            }

            @Override
            public void close() {
                try {
                    built.hardware().close();
                } catch (Exception e) {
                    // releasing pins and ports is best effort at exit
                }
            }
        };
    }
}

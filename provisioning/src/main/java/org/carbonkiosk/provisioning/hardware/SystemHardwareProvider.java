package org.carbonkiosk.provisioning.hardware;

import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ProvisionException;

/**
 * The hardware of a real run: {@code simulated} gives a {@link SimulatedToolHardware} that acts
 * for the technician (demo, laptop); {@code pi} needs the real drivers.
 */
public final class SystemHardwareProvider implements HardwareProvider {

    @Override
    public ToolHardware open(KioskConfig config) {
        if (config.hardwareType().equals("simulated")) {
            return new SimulatedToolHardware(SimulatedLoadCell.typical(), true);
        }
        throw new ProvisionException(ExitCodes.LOCAL_STATE, "hardware.type=pi: the real scale and card reader drivers"
                + " are not in this build of the tool yet. Calibrate and self-test need them; use a newer build.");
    }
}

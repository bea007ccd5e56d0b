package org.carbonkiosk.provisioning.hardware;

import org.carbonkiosk.provisioning.KioskConfig;

/** Opens the kiosk's hardware as {@code hardware.type} says. */
@FunctionalInterface
public interface HardwareProvider {
    ToolHardware open(KioskConfig config);
}

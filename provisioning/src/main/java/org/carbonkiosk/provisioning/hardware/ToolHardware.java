package org.carbonkiosk.provisioning.hardware;

import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.LoadCellAdc;

/**
 * What the tool drives on the kiosk: the load cell in raw counts (calibration happens here) and
 * the card reader.
 */
public interface ToolHardware extends AutoCloseable {
    LoadCellAdc loadCell();

    CardReader cardReader();

    /** Told when the technician is asked to do something; simulated hardware performs it itself. */
    default void perform(Instruction instruction) {
    }

    @Override
    void close();
}

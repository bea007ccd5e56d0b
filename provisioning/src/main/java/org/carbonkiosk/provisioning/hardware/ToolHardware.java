package org.carbonkiosk.provisioning.hardware;

import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.LoadCellAdc;

/**
 * What the tool drives on the kiosk: the load cell in raw counts (calibration happens here) and
 * the card reader.
 */
public interface ToolHardware extends AutoCloseable {
    /** Raw counts for {@code LOAD_CELL} scales; grams for scales that weigh by themselves. */
    LoadCellAdc loadCell();

    /** Whether {@link #loadCell()} gives raw counts (HX711, NAU7802: calibrated here) or grams. */
    default ScaleKind scaleKind() {
        return ScaleKind.LOAD_CELL;
    }

    /** How the scale reports its weight. */
    enum ScaleKind { LOAD_CELL, GRAMS }

    CardReader cardReader();

    /** Told when the technician is asked to do something; simulated hardware performs it itself. */
    default void perform(Instruction instruction) {
    }

    @Override
    void close();
}

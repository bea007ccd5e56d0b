package org.carbonkiosk.agent.hardware;

import java.io.IOException;

/** A load-cell ADC (HX711, NAU7802) giving raw signed counts; a {@link Calibration} turns them into grams. */
public interface LoadCellAdc {
    int readRaw() throws IOException;
}

package org.carbonkiosk.agent.hardware;

import java.io.IOException;

/** A scale made of a load-cell ADC and its calibration. */
public final class LoadCellScale implements Scale {
    private final LoadCellAdc adc;
    private final Calibration calibration;

    public LoadCellScale(LoadCellAdc adc, Calibration calibration) {
        this.adc = adc;
        this.calibration = calibration;
    }

    @Override
    public int readGrams() throws IOException {
        return calibration.toGrams(adc.readRaw());
    }
}

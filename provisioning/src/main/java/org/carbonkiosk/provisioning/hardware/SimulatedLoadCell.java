package org.carbonkiosk.provisioning.hardware;

import java.io.IOException;
import java.util.Random;
import org.carbonkiosk.agent.hardware.LoadCellAdc;

/**
 * A load-cell ADC in software: {@code raw = offsetCounts + grams * countsPerGram + noise}, with a
 * deterministic noise of up to {@code noiseCounts} either side. It can fail like a cut cable.
 */
public final class SimulatedLoadCell implements LoadCellAdc {
    private final long offsetCounts;
    private final double countsPerGram;
    private final Random random = new Random(42);
    private int loadGrams;
    private int noiseCounts;
    private boolean failing;

    public SimulatedLoadCell(long offsetCounts, double countsPerGram, int noiseCounts) {
        this.offsetCounts = offsetCounts;
        this.countsPerGram = countsPerGram;
        this.noiseCounts = noiseCounts;
    }

    /** An HX711-like cell: offset 8 388 counts, 21.7 counts per gram, +-3 counts of noise. */
    public static SimulatedLoadCell typical() {
        return new SimulatedLoadCell(8_388, 21.7, 3);
    }

    @Override
    public synchronized int readRaw() throws IOException {
        if (failing) {
            throw new IOException("no answer from the load-cell ADC (simulated cable fault)");
        }
        int noise = noiseCounts == 0 ? 0 : random.nextInt(2 * noiseCounts + 1) - noiseCounts;
        return (int) Math.round(offsetCounts + loadGrams * countsPerGram) + noise;
    }

    public synchronized void setLoadGrams(int grams) {
        this.loadGrams = grams;
    }

    public synchronized int loadGrams() {
        return loadGrams;
    }

    public synchronized void setNoiseCounts(int noiseCounts) {
        this.noiseCounts = noiseCounts;
    }

    public synchronized void setFailing(boolean failing) {
        this.failing = failing;
    }

    public long offsetCounts() {
        return offsetCounts;
    }

    public double countsPerGram() {
        return countsPerGram;
    }
}

package org.carbonkiosk.agent.hardware.nau7802;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An NAU7802 from its datasheet's register map: RR resets every register, PUD brings PUR up,
 * conversions run only powered up (PUD, PUA) with CS set, CR is set when a sample is ready and
 * cleared by reading ADCO_B2..B0, CALS runs an internal calibration that clears itself.
 */
final class Nau7802Model {
    final int[] registers = new int[256];
    private final Deque<Integer> samples = new ArrayDeque<>();
    private int calibrationReads;
    int resets;
    int conversionsRead;
    boolean calibrationFails;
    boolean absent;

    Nau7802Model() {
        reset();
    }

    private void reset() {
        java.util.Arrays.fill(registers, 0);
        registers[Nau7802.REVISION] = 0x0F;
        resets++;
    }

    void queueSample(int value) {
        samples.add(value & 0xFFFFFF);
    }

    int gainBits() {
        return registers[Nau7802.CTRL1] & 0x07;
    }

    int vldoBits() {
        return (registers[Nau7802.CTRL1] >> 3) & 0x07;
    }

    synchronized int read(int register) {
        if (absent) {
            return -1;
        }
        if (register == Nau7802.PU_CTRL) {
            int pu = registers[Nau7802.PU_CTRL];
            if ((pu & Nau7802.PUD) != 0) {
                pu |= Nau7802.PUR;
            }
            boolean converting = (pu & (Nau7802.PUD | Nau7802.PUA | Nau7802.CS)) == (Nau7802.PUD | Nau7802.PUA | Nau7802.CS);
            if (converting && !samples.isEmpty()) {
                pu |= Nau7802.CR;
            }
            registers[Nau7802.PU_CTRL] = pu;
            return pu;
        }
        if (register == Nau7802.CTRL2 && (registers[Nau7802.CTRL2] & Nau7802.CALS) != 0 && ++calibrationReads >= 2) {
            registers[Nau7802.CTRL2] &= ~Nau7802.CALS;
            if (calibrationFails) {
                registers[Nau7802.CTRL2] |= Nau7802.CAL_ERR;
            }
        }
        return registers[register];
    }

    synchronized void write(int register, int value) {
        value &= 0xFF;
        if (register == Nau7802.PU_CTRL) {
            if ((value & Nau7802.RR) != 0) {
                reset();
                registers[Nau7802.PU_CTRL] = Nau7802.RR;
                return;
            }
            int keep = registers[Nau7802.PU_CTRL] & (Nau7802.PUR | Nau7802.CR);
            if ((value & Nau7802.PUD) == 0) {
                keep = 0;
            }
            registers[Nau7802.PU_CTRL] = (value & ~(Nau7802.PUR | Nau7802.CR)) | keep;
            return;
        }
        if (register == Nau7802.CTRL2 && (value & Nau7802.CALS) != 0) {
            calibrationReads = 0;
            value &= ~Nau7802.CAL_ERR;
        }
        registers[register] = value;
    }

    /** A burst read from ADCO_B2: the sample, CR cleared. */
    synchronized byte[] readAdc() {
        if ((registers[Nau7802.PU_CTRL] & Nau7802.CR) == 0) {
            throw new IllegalStateException("ADCO read without CR: driver did not wait for a conversion");
        }
        int s = samples.remove();
        registers[Nau7802.PU_CTRL] &= ~Nau7802.CR;
        conversionsRead++;
        return new byte[] {(byte) (s >> 16), (byte) (s >> 8), (byte) s};
    }
}

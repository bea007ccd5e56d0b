package org.carbonkiosk.provisioning.hardware;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.LoadCellAdc;

/**
 * The kiosk's scale and card reader in software ({@code hardware.type=simulated}). With
 * {@code actsForTechnician} it carries out the technician's steps itself (empties the scale, puts
 * the reference mass on, taps a demo card), so every command runs end to end on a laptop.
 */
public final class SimulatedToolHardware implements ToolHardware {
    /** The demo card tapped by the simulated technician. */
    public static final byte[] DEMO_CARD_UID = {0x04, (byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4, 0x5E, 0x6F};
    private final SimulatedLoadCell loadCell;
    private final Queue<byte[]> taps = new ArrayDeque<>();
    private volatile boolean actsForTechnician;

    public SimulatedToolHardware(SimulatedLoadCell loadCell, boolean actsForTechnician) {
        this.loadCell = loadCell;
        this.actsForTechnician = actsForTechnician;
    }

    public SimulatedLoadCell simulatedLoadCell() {
        return loadCell;
    }

    public void setActsForTechnician(boolean acts) {
        this.actsForTechnician = acts;
    }

    public synchronized void tap(byte[] uid) {
        taps.add(uid.clone());
    }

    @Override
    public LoadCellAdc loadCell() {
        return loadCell;
    }

    @Override
    public CardReader cardReader() {
        return () -> {
            synchronized (this) {
                return Optional.ofNullable(taps.poll());
            }
        };
    }

    @Override
    public void perform(Instruction instruction) {
        if (!actsForTechnician) {
            return;
        }
        switch (instruction.kind()) {
            case EMPTY_SCALE -> loadCell.setLoadGrams(0);
            case PLACE_MASS -> loadCell.setLoadGrams(instruction.grams());
            case TAP_CARD -> tap(DEMO_CARD_UID);
            default -> throw new IllegalStateException("unknown instruction " + instruction);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}

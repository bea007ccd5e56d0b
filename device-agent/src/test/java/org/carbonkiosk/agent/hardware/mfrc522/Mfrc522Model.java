package org.carbonkiosk.agent.hardware.mfrc522;

import static org.carbonkiosk.agent.hardware.mfrc522.Mfrc522Registers.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * An MFRC522 and the card in its field, from the NXP datasheet and ISO/IEC 14443-3: SPI address
 * bytes ({@code (addr << 1) | 0x80} read, {@code addr << 1} write), registers, a 64-byte FIFO,
 * ComIrqReg set/clear semantics, FIFOLevelReg flush, soft reset, and the Transceive command
 * started by StartSend. The card has the ISO states IDLE, READY, ACTIVE, HALT: REQA (7 bits)
 * wakes IDLE, WUPA wakes IDLE and HALT, answered with ATQA; ANTICOLLISION answers the cascade
 * level's 4 bytes and BCC; SELECT (CRC_A checked) answers SAK + CRC_A; HLTA halts. No card or no
 * answer: TimerIRq after the timeout.
 */
final class Mfrc522Model {
    enum CardState { IDLE, READY, ACTIVE, HALT }

    private final int[] reg = new int[64];
    private final Deque<Byte> fifo = new ArrayDeque<>();
    private byte[] uid;
    private CardState state = CardState.IDLE;
    private int level;
    boolean corruptBcc;
    boolean twoCards;
    int softResets;
    int halts;

    Mfrc522Model() {
        powerOn();
    }

    private void powerOn() {
        Arrays.fill(reg, 0);
        reg[VERSION] = 0x92;
        reg[COMMAND] = 0x20;
        reg[TX_CONTROL] = 0x80;
        fifo.clear();
    }

    void placeCard(byte[] uid) {
        this.uid = uid.clone();
        state = CardState.IDLE;
    }

    void removeCard() {
        uid = null;
    }

    boolean antennaOn() {
        return (reg[TX_CONTROL] & 0x03) == 0x03;
    }

    /** One SPI transaction: byte 0 is the address; MISO answers each byte with the previous read's data. */
    synchronized byte[] spi(byte[] mosi) {
        byte[] miso = new byte[mosi.length];
        int a = mosi[0] & 0xFF;
        int address = (a >> 1) & 0x3F;
        if ((a & 0x80) != 0) {
            for (int i = 1; i < mosi.length; i++) {
                miso[i] = (byte) readRegister(address);
                address = ((mosi[i] & 0xFF) >> 1) & 0x3F;
            }
        } else {
            for (int i = 1; i < mosi.length; i++) {
                writeRegister(address, mosi[i] & 0xFF);
            }
        }
        return miso;
    }

    private int readRegister(int address) {
        if (address == FIFO_DATA) {
            Byte b = fifo.poll();
            return b == null ? 0 : b & 0xFF;
        }
        if (address == FIFO_LEVEL) {
            return fifo.size();
        }
        return reg[address];
    }

    private void writeRegister(int address, int value) {
        switch (address) {
            case FIFO_DATA -> fifo.add((byte) value);
            case FIFO_LEVEL -> {
                if ((value & FLUSH_BUFFER) != 0) {
                    fifo.clear();
                }
            }
            case COM_IRQ -> {
                if ((value & 0x80) != 0) {
                    reg[COM_IRQ] |= value & 0x7F;
                } else {
                    reg[COM_IRQ] &= ~(value & 0x7F);
                }
            }
            case COMMAND -> {
                if ((value & 0x0F) == CMD_SOFT_RESET) {
                    softResets++;
                    powerOn();
                    return;
                }
                reg[COMMAND] = value & 0x3F;
            }
            case BIT_FRAMING -> {
                reg[BIT_FRAMING] = value & 0x7F;
                if ((value & START_SEND) != 0 && (reg[COMMAND] & 0x0F) == CMD_TRANSCEIVE) {
                    transceive(value & 0x07);
                }
            }
            default -> reg[address] = value;
        }
    }

    private void transceive(int txLastBits) {
        byte[] frame = new byte[fifo.size()];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = fifo.poll();
        }
        byte[] answer = antennaOn() ? card(frame, txLastBits) : null;
        reg[ERROR] = 0;
        reg[CONTROL] = 0;
        if (answer == null) {
            reg[COM_IRQ] |= IRQ_TIMER;
            return;
        }
        if (twoCards && frame.length == 2 && (frame[1] & 0xFF) == 0x20) {
            reg[ERROR] |= ERR_COLL;
            reg[COM_IRQ] |= IRQ_ERR | IRQ_RX;
            return;
        }
        for (byte b : answer) {
            fifo.add(b);
        }
        reg[COM_IRQ] |= IRQ_RX | IRQ_IDLE;
    }

    /** The card's answer to a frame, or null for no answer. */
    private byte[] card(byte[] f, int txLastBits) {
        if (uid == null || f.length == 0) {
            return null;
        }
        int cmd = f[0] & 0xFF;
        if (f.length == 1 && txLastBits == 7 && (cmd == 0x26 || cmd == 0x52)) {
            boolean wakes = state == CardState.IDLE || (cmd == 0x52 && state == CardState.HALT);
            if (!wakes) {
                return null;
            }
            state = CardState.READY;
            level = 0;
            int size = uid.length == 4 ? 0 : uid.length == 7 ? 1 : 2;
            return new byte[] {(byte) (0x04 | (size << 6)), 0x00};
        }
        if (txLastBits != 0) {
            return null;
        }
        if (f.length == 4 && cmd == 0x50 && f[1] == 0 && Iso14443a.crcOk(f) && state == CardState.ACTIVE) {
            state = CardState.HALT;
            halts++;
            return null;
        }
        if (state != CardState.READY || cmd != new int[] {0x93, 0x95, 0x97}[level]) {
            state = state == CardState.HALT ? CardState.HALT : CardState.IDLE;
            return null;
        }
        byte[] cl = cascadeBytes(level);
        byte bcc = (byte) (cl[0] ^ cl[1] ^ cl[2] ^ cl[3]);
        if (f.length == 2 && (f[1] & 0xFF) == 0x20) {
            return new byte[] {cl[0], cl[1], cl[2], cl[3], corruptBcc ? (byte) ~bcc : bcc};
        }
        if (f.length == 9 && (f[1] & 0xFF) == 0x70 && Iso14443a.crcOk(f)
                && Arrays.equals(Arrays.copyOfRange(f, 2, 7), new byte[] {cl[0], cl[1], cl[2], cl[3], bcc})) {
            boolean complete = level == uidLevels() - 1;
            int sak = complete ? 0x08 : 0x04;
            if (complete) {
                state = CardState.ACTIVE;
            } else {
                level++;
            }
            return Iso14443a.withCrc((byte) sak);
        }
        state = CardState.IDLE;
        return null;
    }

    private int uidLevels() {
        return uid.length == 4 ? 1 : uid.length == 7 ? 2 : 3;
    }

    private byte[] cascadeBytes(int lvl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int complete = uidLevels() - 1;
        int start = lvl * 3;
        if (lvl < complete) {
            out.write(0x88);
            out.write(uid, start, 3);
        } else {
            out.write(uid, start, 4);
        }
        return out.toByteArray();
    }
}

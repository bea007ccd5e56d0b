package org.carbonkiosk.agent.hardware.mfrc522;

import static org.carbonkiosk.agent.hardware.mfrc522.Mfrc522Registers.*;

import com.pi4j.io.spi.Spi;
import java.io.IOException;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.tinylog.Logger;

/**
 * The MFRC522 contactless reader IC over SPI (NXP datasheet rev 3.9): register access with the
 * SPI address byte {@code (addr << 1) | 0x80} for a read and {@code addr << 1} for a write,
 * soft reset, timer and ASK setup, antenna on, and the Transceive command with its FIFO and IRQ
 * bits. {@link Mfrc522CardReader} runs the ISO 14443-3 protocol on top.
 */
public final class Mfrc522 {
    /** The outcome of one Transceive. */
    public enum Status { OK, TIMEOUT, COLLISION, ERROR }

    /** A card's answer: bytes and, for a short frame, how many bits of the last byte are valid (0 = all). */
    public record Reply(Status status, byte[] data, int lastBits) {
    }

    private static final int MAX_IRQ_POLLS = 2_000;
    private final Spi spi;
    private final Sleeper sleeper;

    public Mfrc522(Spi spi, Sleeper sleeper) {
        this.spi = spi;
        this.sleeper = sleeper;
    }

    /** Soft reset, 25 ms receive timeout, 100 % ASK, CRC preset 0x6363, antenna on. Returns the VersionReg value. */
    public int init() throws IOException {
        write(COMMAND, CMD_SOFT_RESET);
        int polls = 0;
        while ((read(COMMAND) & POWER_DOWN) != 0) {
            if (++polls > 50) {
                throw new IOException("MFRC522 did not come out of soft reset");
            }
            sleeper.sleepMillis(1);
        }
        int version = read(VERSION);
        if (version == 0x00 || version == 0xFF) {
            throw new IOException("no MFRC522 on the SPI bus (VersionReg " + version + ")");
        }
        write(TX_MODE, 0x00);
        write(RX_MODE, 0x00);
        write(MOD_WIDTH, 0x26);
        write(T_MODE, 0x80);       // TAuto: the timer starts at the end of each transmission
        write(T_PRESCALER, 0xA9);  // 13.56 MHz / (2 * 169 + 1) = 40 kHz: 25 µs per tick
        write(T_RELOAD_H, 0x03);   // 1000 ticks = 25 ms
        write(T_RELOAD_L, 0xE8);
        write(TX_ASK, 0x40);       // force 100 % ASK modulation
        write(MODE, 0x3D);         // CRC preset 0x6363
        int tx = read(TX_CONTROL);
        if ((tx & 0x03) != 0x03) {
            write(TX_CONTROL, tx | 0x03); // antenna on: Tx1RFEn, Tx2RFEn
        }
        return version;
    }

    /** Sends {@code frame} (the last byte's {@code txLastBits} bits only, 0 = all 8) and collects the answer. */
    public Reply transceive(byte[] frame, int txLastBits) throws IOException {
        write(COMMAND, CMD_IDLE);
        write(COM_IRQ, 0x7F);              // clear all IRQ bits
        write(FIFO_LEVEL, FLUSH_BUFFER);
        for (byte b : frame) {
            write(FIFO_DATA, b & 0xFF);
        }
        write(BIT_FRAMING, txLastBits & 0x07);
        write(COMMAND, CMD_TRANSCEIVE);
        write(BIT_FRAMING, START_SEND | (txLastBits & 0x07));
        int irq = 0;
        int polls = 0;
        while ((irq & (IRQ_RX | IRQ_IDLE | IRQ_TIMER)) == 0) {
            if (++polls > MAX_IRQ_POLLS) {
                write(COMMAND, CMD_IDLE);
                throw new IOException("MFRC522 gave no IRQ (chip not responding)");
            }
            irq = read(COM_IRQ);
        }
        write(BIT_FRAMING, txLastBits & 0x07); // clear StartSend
        write(COMMAND, CMD_IDLE);
        if ((irq & (IRQ_RX | IRQ_IDLE)) == 0) {
            return new Reply(Status.TIMEOUT, new byte[0], 0);
        }
        int error = read(ERROR);
        if ((error & ERR_FATAL) != 0) {
            return new Reply(Status.ERROR, new byte[0], 0);
        }
        if ((error & ERR_COLL) != 0) {
            return new Reply(Status.COLLISION, new byte[0], 0);
        }
        int n = read(FIFO_LEVEL) & 0x7F;
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) read(FIFO_DATA);
        }
        int lastBits = read(CONTROL) & 0x07;
        return new Reply(Status.OK, data, lastBits);
    }

    /** Clears ValuesAfterColl so bits received after a collision are cleared (before a request). */
    public void clearCollisionBits() throws IOException {
        write(COLL, read(COLL) & 0x7F);
    }

    int read(int address) throws IOException {
        byte[] out = {(byte) (((address << 1) & 0x7E) | 0x80), 0};
        byte[] in = new byte[2];
        transfer(out, in);
        return in[1] & 0xFF;
    }

    void write(int address, int value) throws IOException {
        transfer(new byte[] {(byte) ((address << 1) & 0x7E), (byte) value}, new byte[2]);
    }

    private void transfer(byte[] out, byte[] in) throws IOException {
        try {
            spi.transfer(out, 0, in, 0, out.length);
        } catch (RuntimeException e) {
            Logger.warn("MFRC522 SPI transfer failed: {}", e.toString());
            throw new IOException("MFRC522 SPI transfer failed", e);
        }
    }
}

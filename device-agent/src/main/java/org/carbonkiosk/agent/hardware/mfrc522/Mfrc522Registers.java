package org.carbonkiosk.agent.hardware.mfrc522;

/** MFRC522 register addresses, bits and commands (NXP MFRC522 datasheet rev 3.9, section 9). */
final class Mfrc522Registers {
    static final int COMMAND = 0x01;
    static final int COM_IEN = 0x02;
    static final int COM_IRQ = 0x04;
    static final int DIV_IRQ = 0x05;
    static final int ERROR = 0x06;
    static final int FIFO_DATA = 0x09;
    static final int FIFO_LEVEL = 0x0A;
    static final int CONTROL = 0x0C;
    static final int BIT_FRAMING = 0x0D;
    static final int COLL = 0x0E;
    static final int MODE = 0x11;
    static final int TX_MODE = 0x12;
    static final int RX_MODE = 0x13;
    static final int TX_CONTROL = 0x14;
    static final int TX_ASK = 0x15;
    static final int MOD_WIDTH = 0x24;
    static final int T_MODE = 0x2A;
    static final int T_PRESCALER = 0x2B;
    static final int T_RELOAD_H = 0x2C;
    static final int T_RELOAD_L = 0x2D;
    static final int VERSION = 0x37;

    static final int CMD_IDLE = 0x00;
    static final int CMD_TRANSCEIVE = 0x0C;
    static final int CMD_SOFT_RESET = 0x0F;
    static final int POWER_DOWN = 0x10;

    static final int IRQ_TIMER = 0x01;
    static final int IRQ_ERR = 0x02;
    static final int IRQ_IDLE = 0x10;
    static final int IRQ_RX = 0x20;
    static final int START_SEND = 0x80;
    static final int FLUSH_BUFFER = 0x80;
    static final int ERR_COLL = 0x08;
    static final int ERR_FATAL = 0x13; // BufferOvfl, ParityErr, ProtocolErr

    private Mfrc522Registers() {
    }
}

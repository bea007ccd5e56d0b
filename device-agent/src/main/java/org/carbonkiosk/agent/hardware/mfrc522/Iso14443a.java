package org.carbonkiosk.agent.hardware.mfrc522;

/** ISO/IEC 14443-3 type A frames and CRC_A. */
final class Iso14443a {
    static final int REQA = 0x26;
    static final int WUPA = 0x52;
    static final int[] SEL = {0x93, 0x95, 0x97};
    static final int NVB_ANTICOLLISION = 0x20;
    static final int NVB_SELECT = 0x70;
    static final int CASCADE_TAG = 0x88;
    static final int SAK_UID_NOT_COMPLETE = 0x04;

    private Iso14443a() {
    }

    /** CRC_A (ISO/IEC 14443-3 annex B): CRC-16/CCITT reflected, preset 0x6363, low byte first. */
    static byte[] crcA(byte[] data, int length) {
        int crc = 0x6363;
        for (int i = 0; i < length; i++) {
            int b = (data[i] ^ crc) & 0xFF;
            b = (b ^ (b << 4)) & 0xFF;
            crc = ((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4)) & 0xFFFF;
        }
        return new byte[] {(byte) crc, (byte) (crc >> 8)};
    }

    static byte[] withCrc(byte... frame) {
        byte[] crc = crcA(frame, frame.length);
        byte[] out = java.util.Arrays.copyOf(frame, frame.length + 2);
        out[frame.length] = crc[0];
        out[frame.length + 1] = crc[1];
        return out;
    }

    static boolean crcOk(byte[] frame) {
        if (frame.length < 3) {
            return false;
        }
        byte[] crc = crcA(frame, frame.length - 2);
        return crc[0] == frame[frame.length - 2] && crc[1] == frame[frame.length - 1];
    }
}

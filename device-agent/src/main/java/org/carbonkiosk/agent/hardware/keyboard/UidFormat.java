package org.carbonkiosk.agent.hardware.keyboard;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a keyboard-wedge reader types a UID. {@code DECIMAL}: the UID as an unsigned number
 * (10 digits for a 4-byte UID, common for EM/Mifare readers); {@code HEX}: two hex digits a byte.
 * {@code littleEndian}: the reader's number or hex string starts with the UID's last byte
 * (many readers type a Mifare UID this way), so the bytes are reversed.
 */
public record UidFormat(Encoding encoding, boolean littleEndian) {
    /** Digits or hex. */
    public enum Encoding { DECIMAL, HEX }

    /** The UID bytes (4, 7 or 10), or empty if {@code text} is not a UID in this format. */
    public Optional<byte[]> parse(String text) {
        String s = text.strip();
        byte[] bigEndian = encoding == Encoding.DECIMAL ? decimal(s) : hex(s);
        if (bigEndian == null) {
            return Optional.empty();
        }
        if (littleEndian) {
            for (int i = 0, j = bigEndian.length - 1; i < j; i++, j--) {
                byte t = bigEndian[i];
                bigEndian[i] = bigEndian[j];
                bigEndian[j] = t;
            }
        }
        return Optional.of(bigEndian);
    }

    private static byte[] decimal(String s) {
        if (s.isEmpty() || s.length() > 25 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        BigInteger value = new BigInteger(s);
        int bytes = (value.bitLength() + 7) / 8;
        int length = bytes <= 4 ? 4 : bytes <= 7 ? 7 : bytes <= 10 ? 10 : -1;
        if (length < 0) {
            return null;
        }
        byte[] raw = value.toByteArray(); // may carry a leading sign byte
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] hex(String s) {
        if (!(s.length() == 8 || s.length() == 14 || s.length() == 20)
                || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return HexFormat.of().parseHex(s);
    }
}

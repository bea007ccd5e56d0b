package org.carbonkiosk.agent.hardware.keyboard;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Lines decoded from a Linux evdev keyboard device ({@code /dev/input/by-id/...-event-kbd}): a
 * stream of {@code struct input_event} (24 bytes on 64-bit: 16-byte timeval, u16 type, u16 code,
 * s32 value; 16 bytes on 32-bit), little-endian. Key presses (EV_KEY, value 1) of digits, A-F
 * and keypad digits make the line; Enter or keypad Enter ends it; other keys are ignored.
 */
public final class EvdevLineSource implements LineSource {
    static final int EV_KEY = 1;
    static final int KEY_ENTER = 28;
    static final int KEY_KPENTER = 96;
    private static final char[] KEYS = new char[128];

    static {
        String row = "1234567890";
        for (int i = 0; i < row.length(); i++) {
            KEYS[2 + i] = row.charAt(i);   // KEY_1 = 2 .. KEY_0 = 11
        }
        KEYS[30] = 'A';
        KEYS[48] = 'B';
        KEYS[46] = 'C';
        KEYS[32] = 'D';
        KEYS[18] = 'E';
        KEYS[33] = 'F';
        int[] keypad = {82, 79, 80, 81, 75, 76, 77, 71, 72, 73}; // KEY_KP0 .. KEY_KP9
        for (int d = 0; d < keypad.length; d++) {
            KEYS[keypad[d]] = (char) ('0' + d);
        }
    }

    private final DataInputStream in;
    private final int eventSize;
    private final byte[] event;

    /** @param eventSize 24 (64-bit kernel ABI) or 16 (32-bit) */
    public EvdevLineSource(InputStream in, int eventSize) {
        if (eventSize != 24 && eventSize != 16) {
            throw new IllegalArgumentException("eventSize must be 24 or 16, was " + eventSize);
        }
        this.in = new DataInputStream(in);
        this.eventSize = eventSize;
        this.event = new byte[eventSize];
    }

    @Override
    public String nextLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            try {
                in.readFully(event);
            } catch (EOFException e) {
                return line.length() > 0 ? line.toString() : null;
            }
            ByteBuffer b = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
            int typeOffset = eventSize - 8;
            int type = b.getShort(typeOffset) & 0xFFFF;
            int code = b.getShort(typeOffset + 2) & 0xFFFF;
            int value = b.getInt(typeOffset + 4);
            if (type != EV_KEY || value != 1) {
                continue; // releases, auto-repeats, EV_SYN, EV_MSC scan codes
            }
            if (code == KEY_ENTER || code == KEY_KPENTER) {
                if (line.length() > 0) {
                    return line.toString();
                }
                continue;
            }
            if (code < KEYS.length && KEYS[code] != 0 && line.length() < 64) {
                line.append(KEYS[code]);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

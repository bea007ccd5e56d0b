package org.carbonkiosk.agent.hardware.keyboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.junit.jupiter.api.Test;

class KeyboardCardReaderTest {
    private static final byte[] UID = HexFormat.of().parseHex("DEADBEEF");

    @Test
    void uidFormat_decimalBigEndian_tenDigits() {
        assertThat(new UidFormat(UidFormat.Encoding.DECIMAL, false).parse("3735928559")).hasValueSatisfying(
                uid -> assertThat(uid).containsExactly(UID));
    }

    @Test
    void uidFormat_decimalLittleEndian_bytesReversed() {
        assertThat(new UidFormat(UidFormat.Encoding.DECIMAL, true).parse("4022250974")).hasValueSatisfying(
                uid -> assertThat(uid).containsExactly(UID));
    }

    @Test
    void uidFormat_decimalWithLeadingZeros_fourBytes() {
        assertThat(new UidFormat(UidFormat.Encoding.DECIMAL, false).parse("0000000258")).hasValueSatisfying(
                uid -> assertThat(uid).containsExactly(0, 0, 1, 2));
    }

    @Test
    void uidFormat_hexSevenBytes_andRejects() {
        UidFormat hex = new UidFormat(UidFormat.Encoding.HEX, false);
        assertThat(hex.parse("04a1b2c3d4e5f6")).hasValueSatisfying(
                uid -> assertThat(uid).containsExactly(HexFormat.of().parseHex("04A1B2C3D4E5F6")));
        assertThat(hex.parse("DEADBEE")).isEmpty();
        assertThat(hex.parse("DEADBEEG")).isEmpty();
        assertThat(new UidFormat(UidFormat.Encoding.DECIMAL, false).parse("12a4")).isEmpty();
    }

    @Test
    void evdev_64bitEvents_decodesDigitsAndIgnoresReleasesAndSync() throws IOException {
        byte[] stream = events(24, "3735928559");

        try (EvdevLineSource source = new EvdevLineSource(new ByteArrayInputStream(stream), 24)) {
            assertThat(source.nextLine()).isEqualTo("3735928559");
            assertThat(source.nextLine()).isNull();
        }
    }

    @Test
    void evdev_32bitEventsHexAndKeypad_decoded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(events(16, "DEADBEEF"));
        event(out, 16, 1, 79, 1); // KEY_KP1 press
        event(out, 16, 1, 79, 0);
        event(out, 16, 1, 96, 1); // KEY_KPENTER

        try (EvdevLineSource source = new EvdevLineSource(new ByteArrayInputStream(out.toByteArray()), 16)) {
            assertThat(source.nextLine()).isEqualTo("DEADBEEF");
            assertThat(source.nextLine()).isEqualTo("1");
        }
    }

    @Test
    void reader_linesFromStream_queuedAsUidsAndMalformedDropped() {
        String typed = "3735928559\nnot-a-card\n0000000258\n";
        try (KeyboardCardReader reader = new KeyboardCardReader(
                () -> new TextLineSource(new ByteArrayInputStream(typed.getBytes(StandardCharsets.US_ASCII))),
                new UidFormat(UidFormat.Encoding.DECIMAL, false), Sleeper.SYSTEM, 60_000).start()) {
            await().until(() -> reader.poll().map(uid -> uid[3] == (byte) 0xEF).orElse(false));
            await().until(() -> reader.poll().isPresent());
            assertThat(reader.poll()).isEmpty();
        }
    }

    @Test
    void reader_sourceFails_reopened() {
        AtomicInteger opens = new AtomicInteger();
        KeyboardCardReader.Opener opener = () -> {
            if (opens.incrementAndGet() == 1) {
                throw new IOException("no such device");
            }
            return new TextLineSource(new ByteArrayInputStream("DEADBEEF\n".getBytes(StandardCharsets.US_ASCII)));
        };
        AtomicInteger waits = new AtomicInteger();
        Sleeper firstWaitShort = nanos -> {
            if (waits.incrementAndGet() > 1) {
                Sleeper.SYSTEM.sleepNanos(nanos); // after the second open: wait until close()
            }
        };
        try (KeyboardCardReader reader = new KeyboardCardReader(opener, new UidFormat(UidFormat.Encoding.HEX, false),
                firstWaitShort, 60_000).start()) {
            Optional<byte[]>[] got = new Optional[1];
            await().until(() -> (got[0] = reader.poll()).isPresent());
            assertThat(got[0].get()).containsExactly(UID);
            assertThat(opens.get()).isEqualTo(2);
            assertThat(reader.poll()).isEmpty();
        }
    }

    /** Key events as a USB wedge reader sends them: press, EV_SYN, release, EV_SYN; Enter at the end. */
    private static byte[] events(int size, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : (text + "\n").toCharArray()) {
            int code = switch (c) {
                case '\n' -> 28;
                case '0' -> 11;
                case 'A' -> 30;
                case 'B' -> 48;
                case 'C' -> 46;
                case 'D' -> 32;
                case 'E' -> 18;
                case 'F' -> 33;
                default -> 2 + (c - '1');
            };
            event(out, size, 4, 4, 0x70000 + code); // EV_MSC scan code
            event(out, size, 1, code, 1);
            event(out, size, 0, 0, 0);
            event(out, size, 1, code, 0);
            event(out, size, 0, 0, 0);
        }
        return out.toByteArray();
    }

    private static void event(ByteArrayOutputStream out, int size, int type, int code, int value) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.position(size - 8);
        b.putShort((short) type).putShort((short) code).putInt(value);
        out.writeBytes(b.array());
    }
}

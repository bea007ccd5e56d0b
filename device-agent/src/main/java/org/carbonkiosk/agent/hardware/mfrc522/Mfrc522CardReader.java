package org.carbonkiosk.agent.hardware.mfrc522;

import static org.carbonkiosk.agent.hardware.mfrc522.Iso14443a.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.CardReader;
import org.tinylog.Logger;

/**
 * A card reader on an MFRC522: REQA (WUPA while a card was last seen), anticollision and SELECT
 * through cascade levels 1 to 3 (4, 7 and 10-byte UIDs; cascade tag 0x88; BCC and CRC_A checked),
 * then HLTA. A card that stays on the reader is one tap: it is reported again only after it was
 * absent for {@code absentPolls} polls in a row. Initialises the chip on first use and after a
 * failure. Never logs a UID.
 */
public final class Mfrc522CardReader implements CardReader {
    private final Mfrc522 chip;
    private final int absentPolls;
    private boolean initialised;
    private byte[] present;
    private int misses;

    public Mfrc522CardReader(Mfrc522 chip, int absentPolls) {
        if (absentPolls < 1) {
            throw new IllegalArgumentException("absentPolls must be >= 1");
        }
        this.chip = chip;
        this.absentPolls = absentPolls;
    }

    @Override
    public synchronized Optional<byte[]> poll() throws IOException {
        try {
            if (!initialised) {
                int version = chip.init();
                initialised = true;
                Logger.info("MFRC522 ready (VersionReg 0x{})", Integer.toHexString(version));
            }
            Optional<byte[]> uid = readCard();
            if (uid.isEmpty()) {
                if (present != null && ++misses >= absentPolls) {
                    present = null;
                }
                return Optional.empty();
            }
            misses = 0;
            if (present != null && Arrays.equals(present, uid.get())) {
                return Optional.empty(); // the same card still lying on the reader
            }
            present = uid.get();
            return Optional.of(uid.get().clone());
        } catch (IOException e) {
            initialised = false;
            throw e;
        }
    }

    /** One card's UID, or empty when no card answered (or the exchange was spoiled). */
    private Optional<byte[]> readCard() throws IOException {
        chip.clearCollisionBits();
        // WUPA also wakes a card we halted, so a card left on the reader keeps being seen
        int request = present != null ? WUPA : REQA;
        Mfrc522.Reply atqa = chip.transceive(new byte[] {(byte) request}, 7);
        if (atqa.status() != Mfrc522.Status.OK || atqa.data().length != 2) {
            return Optional.empty();
        }
        ByteArrayOutputStream uid = new ByteArrayOutputStream(10);
        for (int level = 0; level < SEL.length; level++) {
            byte[] cl = anticollision(level);
            if (cl == null) {
                return Optional.empty();
            }
            Integer sak = select(level, cl);
            if (sak == null) {
                return Optional.empty();
            }
            boolean more = (sak & SAK_UID_NOT_COMPLETE) != 0;
            if (more != ((cl[0] & 0xFF) == CASCADE_TAG)) {
                Logger.debug("MFRC522: cascade tag and SAK disagree; ignoring the read");
                return Optional.empty();
            }
            if (more) {
                uid.write(cl, 1, 3);
            } else {
                uid.write(cl, 0, 4);
                halt();
                return Optional.of(uid.toByteArray());
            }
        }
        return Optional.empty();
    }

    /** The 4 UID bytes of a cascade level (BCC checked), or null. */
    private byte[] anticollision(int level) throws IOException {
        Mfrc522.Reply reply = chip.transceive(new byte[] {(byte) SEL[level], (byte) NVB_ANTICOLLISION}, 0);
        if (reply.status() != Mfrc522.Status.OK || reply.data().length != 5) {
            if (reply.status() == Mfrc522.Status.COLLISION) {
                Logger.debug("MFRC522: more than one card in the field");
            }
            return null;
        }
        byte[] d = reply.data();
        if ((d[0] ^ d[1] ^ d[2] ^ d[3]) != d[4]) {
            Logger.debug("MFRC522: BCC mismatch at cascade level {}", level + 1);
            return null;
        }
        return Arrays.copyOf(d, 4);
    }

    /** SAK of the selected card, or null. */
    private Integer select(int level, byte[] cl) throws IOException {
        byte bcc = (byte) (cl[0] ^ cl[1] ^ cl[2] ^ cl[3]);
        byte[] frame = withCrc((byte) SEL[level], (byte) NVB_SELECT, cl[0], cl[1], cl[2], cl[3], bcc);
        Mfrc522.Reply reply = chip.transceive(frame, 0);
        if (reply.status() != Mfrc522.Status.OK || reply.data().length != 3 || !crcOk(reply.data())) {
            return null;
        }
        return reply.data()[0] & 0xFF;
    }

    /** HLTA: the card does not answer; a timeout is the expected outcome. */
    private void halt() throws IOException {
        chip.transceive(withCrc((byte) 0x50, (byte) 0x00), 0);
    }
}

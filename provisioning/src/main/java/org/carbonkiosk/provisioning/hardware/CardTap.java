package org.carbonkiosk.provisioning.hardware;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.carbonkiosk.protocol.CardToken;

/** Waits for a card on the kiosk's reader and turns its UID into its token at once; the UID is wiped, never shown. */
public final class CardTap {
    private CardTap() {
    }

    /** The token of the first card tapped within {@code timeout}; empty when none came (or interrupted). */
    public static Optional<String> token(ToolHardware hardware, byte[] fleetKey, Duration timeout) throws IOException {
        hardware.perform(Instruction.tapCard());
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<byte[]> uid = hardware.cardReader().poll();
            if (uid.isPresent()) {
                try {
                    return Optional.of(CardToken.of(fleetKey, uid.get()));
                } finally {
                    Arrays.fill(uid.get(), (byte) 0);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }
}

package org.carbonkiosk.agent.hardware;

import java.io.IOException;
import java.util.Optional;

/**
 * An RFID card reader. The UID it returns must be turned into a card token at once and never
 * stored, logged or sent.
 */
public interface CardReader {
    /** The UID (4, 7 or 10 bytes) of a card presented since the last poll, if any. */
    Optional<byte[]> poll() throws IOException;
}
